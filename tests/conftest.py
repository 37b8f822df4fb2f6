"""Role fixtures that read like the people who use the service."""

import importlib
import os

import pytest

from regions.models import NationalRole
from tests.factories import UserFactory

PASSWORD = "a-long-test-password"


def pytest_configure(config):
    """Test users' passwords need no strength: MD5 instead of PBKDF2's 1.2 s a user (the sign-in
    tests still go through Django's authentication, only the hash is cheaper)."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _a_redis_database_per_worker(settings)


def _a_redis_database_per_worker(settings):
    """Parallel workers (pytest-xdist) must not share a Redis cache: each test empties its cache
    (`empty_cache` below), which on Redis flushes the whole database. Worker n uses the database
    n above REDIS_URL's (CI: 1 and 2; the broker's 0 is left alone)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = settings.CACHES["default"]
    if not worker.startswith("gw") or "redis" not in cache["BACKEND"].lower():
        return
    base, _, database = cache["LOCATION"].rpartition("/")
    cache["LOCATION"] = f"{base}/{int(database or 0) + int(worker[2:])}"


@pytest.fixture(autouse=True, scope="session")
def celery_tasks_run_in_process():
    """Tasks run eagerly in tests even when CI configures a broker; tests that need a real
    worker (marked `worker`) switch this off for themselves."""
    from psc.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a new deployment does. Cache keys built from row
    ids (the dashboards') could otherwise meet a previous test's, because ids rolled back with
    a test are handed out again on SQLite."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and at the end of the run no session left on it to stop
    its DROP: a thread a test started (a live server's kept-alive request, a writer in a
    concurrency test) may still hold a connection. They are named on stderr, then ended."""
    yield
    with django_db_blocker.unblock():
        _end_other_sessions_on_the_test_database()


def _end_other_sessions_on_the_test_database() -> None:
    import sys

    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, left(query, 160) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        for session in cursor.fetchall():
            print(f"A session left on the test database, ended: {session}", file=sys.stderr)
            cursor.execute("SELECT pg_terminate_backend(%s)", [session[0]])


@pytest.fixture
def fifteen_regions(transactional_db):
    """Tests in real transactions end by emptying every table, the migrated regions included;
    this re-creates them with the migration's own (idempotent) code."""
    from django.apps import apps

    migration = importlib.import_module("regions.migrations.0002_the_fifteen_collaboratives")
    migration.create_collaboratives(apps, None)


@pytest.fixture
def national_viewer(db):
    return UserFactory(username="nhsi.viewer", national_role=NationalRole.VIEWER)


@pytest.fixture
def national_admin(db):
    return UserFactory(username="nhsi.admin", national_role=NationalRole.ADMIN)


@pytest.fixture
def wessex_lead(db):
    return UserFactory(username="lead.wessex", led_regions=["wessex"])


@pytest.fixture
def oxford_lead(db):
    return UserFactory(username="lead.oxford", led_regions=["oxford"])


@pytest.fixture
def frontline_member(db):
    """A signed-in user with no regional or national role (a project team member)."""
    return UserFactory(username="frontline.nurse")


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
