"""The benchmark's shared parts: its rows and sample sizes, the database and Redis it owns,
figures (percentiles, medians of runs), process memory, and a real Celery worker.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Overridable so a smoke run can go beside a national one without sharing their data.
DATABASE = os.environ.get("BENCH_DATABASE", "psc_bench")
BROKER, CACHE = (
    f"redis://127.0.0.1:6379/{n}" for n in os.environ.get("BENCH_REDIS_DBS", "9,10").split(",")
)
RUNS = 3
MB = 1024 * 1024
REFRESH_SAMPLE = 10_000


@dataclass
class Row:
    name: str
    app: str
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: str = ""
    load: tuple[str, str] | None = None  # the 1- and 5-minute load average before and after


@dataclass
class Sizes:
    requests: int  # page requests per run
    charts: int  # charts per run and format
    saves: int  # data-entry saves per run
    changes: int  # freshness changes per run
    spc_measures: int | None  # None: every measure with weekly values
    users: int = 100  # concurrent virtual users on the dashboards
    load_seconds: float = 20  # recorded seconds of each load run
    load_warm_up: float = 60  # seconds of unrecorded load first, filling the page caches
    load_runs: int = RUNS
    ingest_rows: int = 50_000  # weekly values posted to the API per run
    first_minute_seconds: float = 60  # readers at zero think time after a change of figures
    grid_seconds: float = 10  # each grid-save run, per number of sessions
    monday_runs: int = RUNS


FULL = Sizes(requests=20, charts=15, saves=20, changes=20, spc_measures=None)
SMOKE = Sizes(
    requests=5,
    charts=3,
    saves=5,
    changes=3,
    spc_measures=None,
    load_seconds=2,
    load_warm_up=2,
    load_runs=1,
    ingest_rows=10_000,
    first_minute_seconds=3,
    grid_seconds=2,
    monday_runs=1,
)


# Shared with the gunicorn the dashboards are measured on, which must accept this process's
# session cookies.
SECRET_KEY = "benchmark-only-not-a-secret-" + "x" * 30


def configure(database: str) -> None:
    os.environ.update(
        DATABASE_URL=f"{SERVER}/{database}",
        CELERY_BROKER_URL=BROKER,
        REDIS_URL=CACHE,
        DJANGO_SETTINGS_MODULE="psc.settings",
        SECRET_KEY=SECRET_KEY,
    )


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        server.execute(f"CREATE DATABASE {DATABASE}")
    import redis

    for url in (BROKER, CACHE):
        redis.Redis.from_url(url).flushdb()


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args, "--skip-checks"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


# Figures ------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    from chart_bench import p95 as chart_p95

    return chart_p95(values) if len(values) > 1 else values[0]


def percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), p95(samples)


def median_runs(runs: list[tuple[float, ...]]) -> tuple[float, ...]:
    """The median of each figure over the runs."""
    return tuple(statistics.median(figures) for figures in zip(*runs, strict=True))


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def pair(p50: float, high: float, unit=ms) -> str:
    return f"{unit(p50)} / {unit(high)}"


def ratio(app: float, baseline: float) -> str:
    return f"{app / baseline:.1f}×" if baseline else "—"


def check(ok: bool) -> str:
    return "yes" if ok else "**no**"


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


# Memory --------------------------------------------------------------------------------------


def _status(pid: int, field: str) -> int:
    """A /proc/<pid>/status figure in bytes (0 once the process has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return children + [d for child in children for d in _descendants(child)]


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and its children twice a second; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.largest, self.running = pid, 0, 0, True

    def run(self) -> None:
        while self.running:
            sizes = [_status(p, "VmRSS") for p in [self.pid, *_descendants(self.pid)]]
            self.peak, self.largest = max(self.peak, sum(sizes)), max(self.largest, *sizes)
            time.sleep(0.5)


# The worker ----------------------------------------------------------------------------------


@contextmanager
def watched_process(command: list[str], *, ready, what: str, env: dict | None = None):
    """Starts `command` in the project root, samples its memory, waits (a minute at most) until
    `ready()` is true, yields its TreeMemory and stops it afterwards."""
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    memory = TreeMemory(process.pid)
    memory.start()
    try:
        deadline = time.monotonic() + 60
        while not ready():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{what} did not start")
            time.sleep(0.2)
        yield memory
    finally:
        memory.running = False
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


WORKER_NICE = os.environ.get("BENCH_WORKER_NICE", "10")


@contextmanager
def celery_worker():
    from psc.celery import app

    command = [
        # Below the web processes, as docker-compose.yml's cpu_shares put the workers: on one
        # machine a reader's page comes before a refresh a few seconds later.
        *("nice", "-n", WORKER_NICE),
        sys.executable,
        "-m",
        "celery",
        "-A",
        "psc",
        "worker",
        "-Q",
        "celery,refresh,rollups,notifications,reports",
        "--loglevel=warning",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with watched_process(
        command, ready=lambda: app.control.ping(timeout=0.5), what="The Celery worker"
    ) as memory:
        yield memory


def wait_until_settled(limit: float = 300) -> None:
    """Until the worker has caught up: no pending marks and no measure awaiting analysis."""
    from django.db.models import F

    from measurement.models import Measure
    from reporting.models import PendingRollup

    deadline = time.monotonic() + limit
    while (
        PendingRollup.objects.exists()
        or Measure.objects.filter(data_version__gt=F("analysed_version")).exists()
    ):
        if time.monotonic() > deadline:
            raise RuntimeError("The worker did not catch up")
        time.sleep(0.2)


@contextmanager
def no_enqueueing():
    """Changes mark their rollups pending as usual, but no task is sent: the benchmark runs the
    refresh and the incremental rollup itself, so it can time them."""
    from unittest import mock

    from celery.app.task import Task

    with mock.patch.object(Task, "apply_async", lambda *args, **kwargs: None):
        yield
