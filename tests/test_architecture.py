"""The rules of the code's shape, checked so that they hold by mechanism rather than by convention:

- every access decision is the resolver's (`hyte.accounts.permissions`);
- every public function of a services module is a declared, audited service, and a service that writes without an
  audit row is refused;
- the apps keep their layers (the import-linter contracts in pyproject.toml);
- no module grows past what one reads in a sitting.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

import hyte
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.regions.models import Area

SRC = Path(hyte.__file__).resolve().parent
RESOLVER = {
    "accounts/permissions.py",
    "accounts/register_rules.py",
    "accounts/cooperation_rules.py",
    "accounts/national_rules.py",
    "accounts/roles.py",
}
MAX_LINES = 420


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if "/migrations/" in relative:
            continue
        found.append((relative, ast.parse(path.read_text(encoding="utf-8"))))
    return found


# Reading a staff flag, a role or draft sharing is deciding access. Outside the resolver each is allowed only
# where it is not an access decision, and says why.
ALLOWED = {
    ("accounts/services/__init__.py", "role"): "the rule that an organisation keeps an admin compares roles as data",
    ("accounts/queries.py", "DraftSharing"): "lists which municipalities share, for the county's pages",
    ("accounts/services/__init__.py", "DraftSharing"): "writes the sharing (who may decide that is the resolver's)",
    ("accounts/models.py", "DraftSharing"): "the model itself",
    ("accounts/admin.py", "DraftSharing"): "the admin of the model",
    ("transfer/tables.py", "DraftSharing"): "carries the sharing rows in an organisation's archive, as data",
}


def _access_decisions(relative: str, tree: ast.Module) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("is_staff", "is_superuser"):
            problems.append(f"{relative}:{node.lineno} reads {node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module == "hyte.accounts.roles":
            for alias in node.names:
                if alias.name in ("Perm", "ROLE_PERMISSIONS", "SHARED_WITH_COUNTY"):
                    problems.append(f"{relative}:{node.lineno} imports {alias.name}")
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(side, ast.Attribute) and side.attr == "role" for side in sides) and (
                (relative, "role") not in ALLOWED
            ):
                problems.append(f"{relative}:{node.lineno} compares a role")
        if isinstance(node, ast.Name) and node.id == "DraftSharing" and (relative, "DraftSharing") not in ALLOWED:
            problems.append(f"{relative}:{node.lineno} reads draft sharing")
    return problems


def test_only_the_resolver_decides_access():
    problems = [
        problem
        for relative, tree in _modules()
        if relative not in RESOLVER
        for problem in _access_decisions(relative, tree)
    ]
    templates = [
        f"{path.relative_to(SRC)} reads a staff flag"
        for path in (SRC / "templates").rglob("*.html")
        if "is_staff" in path.read_text(encoding="utf-8") or "is_superuser" in path.read_text(encoding="utf-8")
    ]
    assert not problems + templates, "access decided outside the resolver:\n" + "\n".join(problems + templates)


def test_the_check_finds_a_staff_flag_a_role_and_sharing():
    """The rule above can fail: each kind of decision it looks for is found in a module written to break it."""
    tree = ast.parse(
        "from hyte.accounts.roles import Perm\n"
        "if user.is_staff or membership.role == 'admin':\n"
        "    DraftSharing.objects.exists()\n"
    )
    assert len(_access_decisions("reports/views.py", tree)) == 4


def _service_modules() -> list[object]:
    modules = []
    for info in pkgutil.walk_packages(hyte.__path__, "hyte."):
        parts = info.name.split(".")
        if "services" in parts[2:] and not parts[-1].startswith("_"):
            modules.append(importlib.import_module(info.name))
    return modules


def test_every_public_service_function_declares_what_it_audits():
    modules = _service_modules()
    assert len(modules) >= 10  # the apps' services modules and packages were found
    plain = [
        f"{module.__name__}.{name}"
        for module in modules
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_") and not audit.is_service(function)
    ]
    assert not plain, f"public functions of services modules that are not audited services: {plain}"


@audit.service(AuditAction.AREAS_LOAD)
def _renames_an_area(*, actor: object, audited: bool) -> None:
    area = Area.objects.get(kind="country")
    area.name_en = "Finland"
    area.save(update_fields=["name_en"])
    if audited:
        audit.record(area, changes={"name_en": ["Whole country", "Finland"]})


def test_a_service_that_writes_without_an_audit_row_is_refused_and_undone(world):
    from tests.conftest import SYSTEM

    with pytest.raises(audit.UnauditedWrite, match="_renames_an_area"):
        _renames_an_area(actor=SYSTEM, audited=False)
    assert Area.objects.get(kind="country").name_en == "Whole country"
    with transaction.atomic():
        _renames_an_area(actor=SYSTEM, audited=True)
    assert Area.objects.get(kind="country").name_en == "Finland"
    country = Area.objects.get(kind="country")
    assert AuditEntry.objects.filter(action=AuditAction.AREAS_LOAD.value, object_id=str(country.pk)).exists()


def test_a_service_records_only_what_it_declares(world):
    from tests.conftest import SYSTEM

    @audit.service(AuditAction.RULE_CREATE)
    def declares_another_action(*, actor: object) -> None:
        audit.record(world.kemi, action=AuditAction.REPORT_CREATE)

    with pytest.raises(audit.UndeclaredAction):
        declares_another_action(actor=SYSTEM)


def test_services_are_keyword_only():
    with pytest.raises(TypeError, match="keyword-only"):

        @audit.service(AuditAction.RULE_CREATE)
        def positional(actor: object, name: str) -> None: ...


def test_the_apps_keep_their_layers():
    """The import-linter contracts of pyproject.toml: apps by layer, no app reaches into another's views."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=SRC.parent.parent, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def _imported(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, node.module), *((node.lineno, f"{node.module}.{a.name}") for a in node.names)]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_no_app_imports_another_apps_views_and_no_code_imports_template_tags():
    problems = []
    for relative, tree in _modules():
        app = relative.split("/")[0] if "/" in relative else "*"  # the root URLconf routes to every app
        for line, module in _imported(tree):
            parts = module.split(".")
            if len(parts) > 2 and parts[0] == "hyte" and parts[2] == "views" and app not in ("*", parts[1]):
                problems.append(f"{relative}:{line} imports {module}")
            if "templatetags" in parts and "templatetags" not in relative:
                problems.append(f"{relative}:{line} imports template tags ({module})")
    assert not problems, "\n".join(problems)


def test_no_module_is_longer_than_one_reads_in_a_sitting():
    long = {
        relative: lines
        for relative, lines in (
            (path.relative_to(SRC).as_posix(), len(path.read_text(encoding="utf-8").splitlines()))
            for path in SRC.rglob("*.py")
        )
        if "/migrations/" not in relative and lines > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"
