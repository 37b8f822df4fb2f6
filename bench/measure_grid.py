"""Grid saves through gunicorn as teams make them (htmx posts of one week's row), one session
and 20 at once, each on its own project, with the worker running; beside the floor: the same
posts answered by one INSERT … ON CONFLICT each (`floor_wsgi.py`)."""

from __future__ import annotations

import random
import threading
import time

from harness import Row, Sizes, check, ratio
from load import gunicorn
from measure_dashboards import load_average
from weekday import grid_sessions, p50_p95, save_grid_row

SESSIONS = (1, 20)


def _saves(port: int, sessions, week, seconds: float) -> tuple[list[float], int, float]:
    """Each session saving rows back to back for `seconds`: (latencies, failures, saves/s)."""
    latencies, failures, lock = [], [0], threading.Lock()
    stop_at = time.monotonic() + seconds

    def session_loop(session, number):
        chance = random.Random(500 + number)
        while time.monotonic() < stop_at:
            elapsed, ok = save_grid_row(port, session, week, chance)
            with lock:
                latencies.append(elapsed)
                failures[0] += not ok

    threads = [threading.Thread(target=session_loop, args=(s, n)) for n, s in enumerate(sessions)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0], len(latencies) / (time.monotonic() - started)


def grid(sizes: Sizes, week, series) -> list[Row]:
    sessions = grid_sessions(max(SESSIONS), series)
    found = {}
    for name, application, pythonpath in (
        ("app", "psc.wsgi", "."),
        ("floor", "floor_wsgi:application", "bench"),
    ):
        with gunicorn(application, pythonpath=pythonpath) as (port, _):
            _saves(port, sessions[:1], week, 1.0)  # a warm-up save each worker, not recorded
            for count in SESSIONS:
                before = load_average()
                latencies, failures, rate = _saves(port, sessions[:count], week, sizes.grid_seconds)
                found[(name, count)] = (*p50_p95(latencies), failures, rate, before, load_average())
    rows = []
    for count, target in zip(SESSIONS, (0.150, 0.400), strict=True):
        app, floor = found[("app", count)], found[("floor", count)]
        rows.append(
            Row(
                f"Grid save, {count} session{'s' if count > 1 else ''} saving back to back: "
                "p50 / p95; saves/s; failed saves",
                f"{app[0] * 1000:,.0f} / {app[1] * 1000:,.0f} ms; {app[3]:,.1f}/s; {app[2]}",
                f"{floor[0] * 1000:,.0f} / {floor[1] * 1000:,.0f} ms; {floor[3]:,.1f}/s",
                ratio(app[1], floor[1]),
                f"p95 ≤ {target * 1000:.0f} ms",
                check(app[1] <= target and app[2] == 0),
                load=(app[4], app[5]),
            )
        )
    return rows
