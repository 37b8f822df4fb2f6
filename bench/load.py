"""Pages under concurrent users: the app served by gunicorn as the Dockerfile serves it, and a
closed-loop load generator of virtual users.

Each virtual user is a thread that waits a think time, sends one GET on a fresh connection (the
sync workers close every connection, as behind a proxy), and records how long the whole response
took. This is what `locust --headless` does with `between(...)` waits, kept here so the
benchmark needs no gevent; the figures are the same kind: per-page p50/p95/p99, errors and
requests per second.
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from harness import ROOT, watched_process

# As the Dockerfile and docker-compose.yml run gunicorn (psc/gunicorn.conf.py); `--web` on
# bench/run.py tries others: "sync:3" (processes only) or "gthread:3x4" (processes × threads).
WEB = os.environ.get("BENCH_WEB", "")
PRODUCTION = {  # DEBUG off, as served in production; plain HTTP on the loopback
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}

# A request to send: (what it counts as, path, cookie).
Request = tuple[str, str, str]


@dataclass
class Sample:
    kind: str
    seconds: float
    ok: bool


@dataclass
class LoadRun:
    samples: list[Sample] = field(default_factory=list)
    duration: float = 0.0
    asked: int = 0  # what the readers would have sent in the window had every answer been instant

    def of(self, kind: str) -> list[float]:
        return sorted(s.seconds for s in self.samples if s.kind == kind and s.ok)

    def errors(self) -> int:
        return sum(not s.ok for s in self.samples)

    def per_second(self) -> float:
        return sum(s.ok for s in self.samples) / self.duration if self.duration else 0.0

    def served_share(self) -> float:
        """Of the requests the readers asked for, the share answered (1.0 at zero think time,
        when a reader asks again only once answered)."""
        return sum(s.ok for s in self.samples) / self.asked if self.asked else 1.0


def requests_asked(choose, *, users: int, think, seconds: float, warm_up: float, seed: int) -> int:
    """The requests `run_load`'s readers send in the recorded window when every answer is
    instant: the same seeded think times and choices, with no time spent waiting."""
    if not think[1]:
        return 0
    asked = 0
    for number in range(users):
        chance = random.Random(seed + number)
        moment = chance.uniform(0, think[1])
        while True:
            moment += chance.uniform(*think)
            if moment >= warm_up + seconds:
                break
            choose(chance)  # draws from the same stream as the reader's choice does
            asked += moment >= warm_up
    return asked


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def collect_static() -> None:
    """DEBUG off serves hashed static names from the manifest, so it must exist."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--skip-checks"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION},
        check=True,
        capture_output=True,
    )


def send(
    port: int,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict | None = None,
    timeout: float = 120,
) -> tuple[int, bytes]:
    """One request on a fresh connection: (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _get(port: int, path: str, cookie: str = "", timeout: float = 60) -> int:
    return send(port, "GET", path, headers={"Cookie": cookie} if cookie else {}, timeout=timeout)[0]


def worker_options(web: str) -> list[str]:
    """gunicorn's options for "sync:3" or "gthread:3x4"; none for the project's own config."""
    if not web:
        return []
    kind, _, size = web.partition(":")
    processes, _, threads = size.partition("x")
    options = ["--worker-class", kind, "--workers", processes or "3"]
    return options + (["--threads", threads] if threads else [])


@contextmanager
def gunicorn(application: str, *, pythonpath: str = ".", web: str = WEB):
    """gunicorn on a free port, configured as production runs it (psc/gunicorn.conf.py) unless
    `web` says otherwise; yields (port, its memory)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        application,
        "--config",
        "psc/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        *worker_options(web),
        "--pythonpath",
        pythonpath,
        "--timeout",
        "120",
        "--backlog",
        "2048",
    ]
    with watched_process(
        command,
        ready=lambda: _listening(port),
        what=f"gunicorn {application}",
        env={**os.environ, **PRODUCTION},
    ) as memory:
        yield port, memory


def _listening(port: int) -> bool:
    try:
        _get(port, "/healthz-probe", timeout=5)  # any answer will do
        return True
    except OSError:
        return False


def run_load(
    port: int,
    choose: Callable[[random.Random], Request],
    *,
    users: int,
    think: tuple[float, float],
    seconds: float,
    warm_up: float = 3.0,
    seed: int = 2016,
) -> LoadRun:
    """`users` virtual users for `warm_up` + `seconds`; only the last `seconds` are recorded."""
    run, lock = LoadRun(), threading.Lock()
    started = time.monotonic()
    recording_from, stop_at = started + warm_up, started + warm_up + seconds

    def user(number: int) -> None:
        chance = random.Random(seed + number)
        time.sleep(chance.uniform(0, think[1] or 0.05))  # users arrive spread out
        while True:
            if think[1]:
                time.sleep(chance.uniform(*think))
            sent = time.monotonic()
            if sent >= stop_at:
                return
            kind, path, cookie = choose(chance)
            try:
                ok = _get(port, path, cookie) == 200
            except OSError:
                ok = False
            if sent >= recording_from:
                with lock:
                    run.samples.append(Sample(kind, time.monotonic() - sent, ok))

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.duration = min(time.monotonic(), stop_at) - recording_from
    run.asked = requests_asked(
        choose, users=users, think=think, seconds=seconds, warm_up=warm_up, seed=seed
    )
    return run
