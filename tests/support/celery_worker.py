"""A real Celery worker for the tests that need one: a separate process on the suite's
PostgreSQL database and Redis broker, serving queues of the test's own."""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from psc.celery import app

ROOT = Path(__file__).resolve().parents[2]


# How the workers' database sessions name themselves, so a test can wait for them to be gone.
WORKER_APPLICATION_NAME = "psc-test-worker"


def needs_real_services():
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis"):
        if os.environ.get("CI"):
            pytest.fail("CI must run this test against PostgreSQL and Redis")
        pytest.skip("needs DATABASE_URL=postgres://… and CELERY_BROKER_URL=redis://…")


def start_worker(queue: str, processes: int = 1, log=None, **environment: str) -> subprocess.Popen:
    """A worker serving `queue` (comma-separated names): one process, or a prefork pool; its
    log (warnings, unless LOG_LEVEL says otherwise) to the open file `log`, else nowhere."""
    database = connection.settings_dict
    cache = settings.CACHES["default"]
    env = {
        **os.environ,
        # This test process's own cache database (tests/conftest.py), not the one REDIS_URL
        # names: the rollup scheduling flag lives there, and another test's worker must not
        # see this one's.
        **({"REDIS_URL": cache["LOCATION"]} if "redis" in cache["BACKEND"].lower() else {}),
        "LOG_LEVEL": "WARNING",
        **environment,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}?application_name={WORKER_APPLICATION_NAME}",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "psc",
            "worker",
            *(["--pool=solo"] if processes == 1 else ["--pool=prefork", f"-c{processes}"]),
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
        start_new_session=True,  # its pool processes too can be stopped together (stop_worker)
    )


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}")


def stop_worker(worker: subprocess.Popen) -> None:
    """A warm shutdown, then anything of its left is killed: no process of it may keep a
    connection to the test database, which is dropped at the end of the run."""
    worker.terminate()
    with suppress(subprocess.TimeoutExpired):
        worker.wait(20)
    with suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(10)


def _use_routes() -> None:
    """Celery reads task_routes into its router once, and keeps the router: forget both."""
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


@contextmanager
def worker_on_queues_of_its_own(processes: int = 1, log=None, **environment: str):
    """The app's queues renamed for this test, tasks sent to them (not run in-process), and a
    worker serving them."""
    suffix = uuid.uuid4().hex[:8]
    names = ("refresh", "rollups", "notifications", "reports")
    queues = {name: f"{name}-{suffix}" for name in names}
    routes = app.conf.task_routes
    app.conf.task_routes = {
        "measurement.tasks.refresh_measures": {"queue": queues["refresh"]},
        "reporting.tasks.rollup_*": {"queue": queues["rollups"]},
        "measurement.tasks.email_*": {"queue": queues["notifications"]},
        "reporting.tasks.report_*": {"queue": queues["reports"]},
    }
    _use_routes()
    app.conf.task_always_eager = False
    worker = start_worker(",".join(queues.values()), processes, log, **environment)
    try:
        yield worker
    finally:
        app.conf.task_always_eager = True
        app.conf.task_routes = routes
        _use_routes()
        stop_worker(worker)
