"""Production settings come from the environment and refuse to start when unsafe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from hyte.env import env_bool, env_int, env_list

SAFE = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-grade-random-looking-secret-value-" + "z" * 10,
    "ALLOWED_HOSTS": "hyte.example.fi",
    "DATABASE_URL": "sqlite:////tmp/hyte-settings-test.sqlite3",
}


def run_hyte(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # the browser tests' own; never a server's
        }
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "hyte.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_hyte("check", "--deploy", "--fail-level", "WARNING", **SAFE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_demo_refuses_to_run_under_production_settings(tmp_path):
    """It would create accounts with the published demo password on a real instance."""
    result = run_hyte("demo", HYTE_DATA_DIR=str(tmp_path), **SAFE)
    assert result.returncode != 0
    assert "DEBUG=true" in result.stderr
    assert not (tmp_path / "hyte.sqlite3").exists()


def test_it_refuses_to_start_without_a_secret_key():
    result = run_hyte("check", **{**SAFE, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_a_short_or_default_secret_key():
    assert "SECRET_KEY must be set" in run_hyte("check", **{**SAFE, "SECRET_KEY": "short"}).stderr
    insecure = "django-insecure-" + "a" * 50
    assert "SECRET_KEY must be set" in run_hyte("check", **{**SAFE, "SECRET_KEY": insecure}).stderr


def test_every_command_reports_the_configuration_error_clearly():
    result = run_hyte("makemigrations", "--check", "--dry-run", **{**SAFE, "SECRET_KEY": ""})
    assert result.returncode == 2
    assert "hyte: configuration error: SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_refuses_to_start_without_allowed_hosts():
    result = run_hyte("check", **{**SAFE, "ALLOWED_HOSTS": ""})
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_it_refuses_a_misspelt_boolean():
    result = run_hyte("check", **{**SAFE, "DEBUG": "ture"})
    assert "DEBUG must be true or false, not 'ture'" in result.stderr


def test_production_logs_are_json():
    result = run_hyte("shell", "-c", "import logging; logging.getLogger('hyte.test').warning('hello')", **SAFE)
    assert '"message": "hello"' in result.stderr
    assert '"level": "WARNING"' in result.stderr


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_BOOL", "Yes")
    assert env_bool("X_BOOL", default=False) is True
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL", default=False)
    monkeypatch.setenv("X_INT", "12x")
    with pytest.raises(ImproperlyConfigured, match="X_INT must be an integer"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_LIST", "a.fi, b.fi,,")
    assert env_list("X_LIST") == ["a.fi", "b.fi"]
    assert env_bool("X_UNSET", default=True) is True


@pytest.mark.django_db
def test_healthz_answers_for_load_balancers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
