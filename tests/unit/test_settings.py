"""Settings come from the environment, with newcomer defaults and loud production errors.

Each case imports the settings in a fresh interpreter, so the environment it sets is the only one.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3y-for-tests-0nly_" + "x9Y!" * 12,
    "ALLOWED_HOSTS": "psc.example.nhs.uk",
    "DATABASE_URL": "postgres://psc:secret@db:5432/psc",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "REDIS_URL": "redis://redis:6379/1",
}
READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "engine": s.DATABASES["default"]["ENGINE"],
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "broker": s.CELERY_BROKER_URL,
    "cache": s.CACHES["default"]["BACKEND"],
    "debug": s.DEBUG,
    "acks_late": s.CELERY_TASK_ACKS_LATE,
    "reject_on_worker_lost": s.CELERY_TASK_REJECT_ON_WORKER_LOST,
    "serializer": s.CELERY_TASK_SERIALIZER,
}))
"""


def run_python(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    # Only the case's own variables: not the caller's, nor the browser tests' async opt-out.
    ignored = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update({"DJANGO_SETTINGS_MODULE": "psc.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def read_settings(env_overrides: dict) -> dict:
    result = run_python(env_overrides, "-c", READ_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_newcomer_defaults_need_no_services():
    settings = read_settings({})
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["eager"] is True
    assert settings["broker"] == "memory://"
    assert settings["cache"].endswith("LocMemCache")
    assert settings["debug"] is True


def test_environment_selects_postgresql_redis_and_a_real_broker():
    settings = read_settings(PRODUCTION)
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["eager"] is False
    assert settings["broker"] == "redis://redis:6379/0"
    assert settings["cache"].endswith("RedisCache")
    assert settings["debug"] is False


def test_celery_is_reliable_by_default():
    settings = read_settings({})
    assert settings["acks_late"] and settings["reject_on_worker_lost"]
    assert settings["serializer"] == "json"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_without_a_required_value_fails_with_a_hint(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_python(env, "-c", READ_SETTINGS)
    assert result.returncode != 0
    assert f"Set the environment variable {missing}" in result.stderr


def test_booleans_accept_only_true_or_false():
    result = run_python({"DEBUG": "yes"}, "-c", READ_SETTINGS)
    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false'" in result.stderr


def test_check_deploy_passes_without_warnings_in_production():
    result = run_python(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
