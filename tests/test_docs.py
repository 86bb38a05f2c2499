"""Docs that cannot go stale: every setting, command and API endpoint is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "hyte"


def read(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_every_environment_variable_is_documented():
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', path.read_text(encoding="utf-8")))
    assert used, "no settings found: the pattern is wrong"
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", read("configuration.md"), flags=re.MULTILINE))
    assert used - documented == set(), "settings missing from docs/configuration.md"
    assert documented - used == set(), "docs/configuration.md documents settings that do not exist"


def test_every_setting_and_command_the_deployment_guide_names_exists():
    guide = read("deployment.md")
    settings_named = set(
        re.findall(r"\b((?:HYTE|SECURE|DATABASE|CSRF|SESSION|LOG)_[A-Z_]+|SECRET_KEY|ALLOWED_HOSTS)\b", guide)
    )
    assert {"HYTE_TASK_BACKEND", "HYTE_PROXIES", "HYTE_UPLOAD_RETENTION_HOURS"} <= settings_named
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", read("configuration.md"), flags=re.MULTILINE))
    assert settings_named - documented == set(), "the deployment guide names settings that do not exist"
    commands_named = set(re.findall(r"(?:^|[\s`]|/bin/)hyte ([a-z_]+)", guide, flags=re.MULTILINE))
    ours = {name for name, app in get_commands().items() if app.startswith("hyte.") or name in ("migrate", "check")}
    ours |= {"collectstatic", "db_worker"}  # Django's and django-tasks' commands the guide runs
    assert commands_named - ours == set(), "the deployment guide runs commands that do not exist"


def test_every_hyte_command_is_documented():
    ours = {name for name, app in get_commands().items() if app.startswith("hyte.")}
    assert {"demo", "serve", "load_areas"} <= ours
    commands = read("commands.md")
    missing = [name for name in ours if f"`hyte {name}" not in commands]
    assert not missing, f"commands missing from docs/commands.md: {missing}"


@pytest.mark.django_db
def test_every_api_endpoint_is_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    api_doc = read("api.md")
    missing = [
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        for method in operations
        if f"`{method.upper()} {path}`" not in api_doc
    ]
    assert not missing, f"endpoints missing from docs/api.md: {missing}"


def test_the_readme_quick_start_has_exactly_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    block = quick_start.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["scripts/start", "scripts/test"]
    assert (ROOT / "scripts" / "start").stat().st_mode & 0o111
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
