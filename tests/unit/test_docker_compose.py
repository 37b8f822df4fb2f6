"""Docker cannot run here, so a test keeps docker-compose.yml in step with the settings."""

from pathlib import Path

import yaml

from psc.env import VARIABLES_READ

ROOT = Path(__file__).resolve().parents[2]
WORKERS = ("worker-refresh", "worker-rollups", "worker-notifications", "worker-reports")
APP_SERVICES = ("web", *WORKERS, "beat")
# What a production container must be told (settings raise without them when DEBUG=false).
REQUIRED = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "REDIS_URL",
}


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def environment_of(service: dict) -> dict:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def test_the_full_stack_has_every_service():
    assert set(compose()["services"]) == {"db", "redis", "web", "beat", *WORKERS}


def test_database_is_postgresql_16():
    assert compose()["services"]["db"]["image"].startswith("postgres:16")


def test_app_services_pass_only_variables_the_settings_read():
    for name in APP_SERVICES:
        unknown = set(environment_of(compose()["services"][name])) - VARIABLES_READ
        assert not unknown, f"{name} passes variables psc/settings.py never reads: {unknown}"


def test_app_services_pass_every_required_production_variable():
    for name in APP_SERVICES:
        missing = REQUIRED - set(environment_of(compose()["services"][name]))
        assert not missing, f"{name} lacks {missing}"


def test_app_services_point_at_the_compose_db_and_redis():
    for name in APP_SERVICES:
        env = environment_of(compose()["services"][name])
        assert "@db:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")


def test_workers_and_beat_run_celery_for_this_project():
    services = compose()["services"]
    for name in WORKERS:
        assert "celery -A psc worker" in " ".join(services[name]["command"])
    assert "celery -A psc beat" in " ".join(services["beat"]["command"])
    assert "gunicorn psc.wsgi --config psc/gunicorn.conf.py" in " ".join(services["web"]["command"])


def _served(service: dict) -> set[str]:
    command = service["command"]
    return set(command[command.index("-Q") + 1].split(","))


def test_every_queue_the_settings_route_to_has_a_worker():
    from django.conf import settings

    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    served = set().union(*(_served(compose()["services"][name]) for name in WORKERS))
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= served


def test_the_workers_give_way_to_the_web_app_for_the_cpu():
    services = compose()["services"]
    web = services["web"].get("cpu_shares", 1024)  # Docker's default
    assert all(services[name]["cpu_shares"] < web for name in WORKERS)
