"""The national and regional dashboards under 100 signed-in readers, served by gunicorn as in
production, beside the floor baseline (`floor_wsgi.py`: the same stored rows in two SELECTs, on
the same gunicorn) in the same run:

- static: nothing else happening;
- while a weekday's data arrives: a partner posting the week's values for 1% of the weekly
  measures every 10 s through the API and team members saving grid rows, with the Celery worker
  refreshing, rolling up and so changing the figures underneath the readers;
- the first minute after a change of figures: every region's current year changed by one run,
  then readers at zero think time.

Readers are national viewers (three in five, on England's page) and regional leads (on their own
region's), each choosing a financial year and quarter at random, thinking 1–3 s between pages.
"""

from __future__ import annotations

import os
import time

from harness import Row, Sizes, TreeMemory, check, median_runs, ratio
from load import collect_static, gunicorn, run_load
from weekday import (
    NATIONAL,
    REGIONAL,
    Weekday,
    grid_sessions,
    p50_p95,
    page_chooser,
    partner_token,
    readers,
    weekly_series,
)

THINK = (1.0, 3.0)  # seconds between a reader's requests (locust's between(1, 3))
RAMP_UP = 3.0  # seconds of each run before recording, while the readers arrive
ARRIVAL_GRID_SESSIONS = 5


def load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()[:2])


def _figures(run) -> tuple[float, ...]:
    """p50 and p95 of each page kind, errors, requests served a second, and the share of what
    the readers asked for that was served."""
    national, regional = p50_p95(run.of(NATIONAL)), p50_p95(run.of(REGIONAL))
    return (*national, *regional, float(run.errors()), run.per_second(), run.served_share())


def _runs(port: int, choose, sizes: Sizes, think) -> tuple[float, ...]:
    return median_runs(
        [
            _figures(
                run_load(
                    port,
                    choose,
                    users=sizes.users,
                    think=think,
                    seconds=sizes.load_seconds,
                    warm_up=RAMP_UP,
                )
            )
            for _ in range(sizes.load_runs)
        ]
    )


def _ms(*values: float) -> str:
    return " / ".join(f"{v * 1000:,.0f} ms" for v in values)


def _served(figures) -> str:
    return f"{figures[4]:.0f} errors; {figures[5]:,.1f} req/s, {figures[6]:.0%} of those asked"


def _change_every_region() -> None:
    """A change of figures everywhere at once, as a busy hour's runs make: a training record for
    each region in the current year, saved in one transaction; the worker rolls them up."""
    from django.db import transaction
    from django.utils import timezone

    from regions.models import Region, TrainingRecord

    with transaction.atomic():
        for region in Region.objects.all():
            TrainingRecord.objects.create(
                region=region,
                date=timezone.localdate(),
                course="Benchmark: a change of figures",
                training_type="measurement",
                people_trained=1,
            )


def _figures_changed_since(moment: float) -> bool:
    from reporting.models import PendingRollup, RollupRun

    last = RollupRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
    return (
        not PendingRollup.objects.exists()
        and last is not None
        and last.finished_at.timestamp() > moment
    )


def _wait(condition, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("The worker did not roll the change up")
        time.sleep(0.2)


def _first_minute(port: int, choose, sizes: Sizes) -> tuple[float, ...]:
    changed = time.time()
    _change_every_region()
    _wait(lambda: _figures_changed_since(changed))
    seconds = sizes.first_minute_seconds
    return _figures(
        run_load(port, choose, users=sizes.users, think=(0, 0), seconds=seconds, warm_up=0)
    )


def dashboards(sizes: Sizes, week) -> tuple[list[Row], TreeMemory]:
    """The rows, and the memory of the app's gunicorn."""
    from reporting.rollups.read import stored_years

    collect_static()
    years = stored_years()
    choose = page_chooser(years, *readers())
    series = weekly_series()
    sessions = grid_sessions(ARRIVAL_GRID_SESSIONS, series)
    token = partner_token()
    found, loads = {}, {}
    with (
        gunicorn("psc.wsgi") as (app_port, web),
        gunicorn("floor_wsgi:application", pythonpath="bench") as (floor_port, _),
    ):
        for name, port in (("app", app_port), ("floor", floor_port)):
            run_load(port, choose, users=sizes.users, think=(0, 0), warm_up=0,
                     seconds=sizes.load_warm_up)  # fmt: skip  # caches filling: not recorded
            before = load_average()
            static = _runs(port, choose, sizes, THINK)
            loads[(name, "static")] = (before, load_average())
            before = load_average()
            # The writes always go to the app, whichever server the readers read.
            with Weekday(app_port, token, series, sessions, week) as weekday:
                arriving = _runs(port, choose, sizes, THINK)
            loads[(name, "arriving")] = (before, load_average())
            before = load_average()
            first = _first_minute(port, choose, sizes)
            loads[(name, "first")] = (before, load_average())
            found[name] = (static, arriving, first, weekday.writes)
    return _rows(found, loads, sizes), web


def _rows(found, loads, sizes: Sizes) -> list[Row]:
    (static, arriving, first, writes), (b_static, b_arriving, b_first, _) = (
        found["app"],
        found["floor"],
    )
    users = sizes.users
    api50, api95 = p50_p95(writes.api_seconds)
    grid50, grid95 = p50_p95(writes.grid_seconds)
    rows = []
    for offset, page in ((0, "National"), (2, "Regional")):
        rows.append(
            Row(
                f"{page} dashboard, static data, p50 / p95 ({users} readers thinking 1–3 s)",
                _ms(*static[offset : offset + 2]),
                _ms(*b_static[offset : offset + 2]),
                ratio(static[offset + 1], b_static[offset + 1]),
                "p95 ≤ 100 ms",
                check(static[offset + 1] <= 0.100),
                load=loads[("app", "static")],
            )
        )
    rows.append(
        Row(
            "…errors, requests served (static data)",
            _served(static),
            _served(b_static),
            target="0 errors",
            met=check(static[4] == 0),
        )
    )
    for offset, page in ((0, "National"), (2, "Regional")):
        rows.append(
            Row(
                f"{page} dashboard **while a weekday's data arrives**, p50 / p95 (1% of weekly "
                f"measures POSTed every 10 s, {ARRIVAL_GRID_SESSIONS} teams saving grid rows, "
                "worker running)",
                _ms(*arriving[offset : offset + 2]),
                _ms(*b_arriving[offset : offset + 2]),
                ratio(arriving[offset + 1], b_arriving[offset + 1]),
                "p95 ≤ 150 ms",
                check(arriving[offset + 1] <= 0.150),
                load=loads[("app", "arriving")],
            )
        )
    rows += [
        Row(
            "…errors, requests served of those the readers asked for (while data arrives)",
            _served(arriving),
            _served(b_arriving),
            target="0 errors, ≥ 95% served",
            met=check(arriving[4] == 0 and arriving[6] >= 0.95),
        ),
        Row(
            "…the writes meanwhile: bulk requests p50 / p95; grid saves p50 / p95; failures",
            f"{_ms(api50, api95)} ({writes.api_rows:,} rows); {_ms(grid50, grid95)}; "
            f"{writes.failures}",
        ),
        Row(
            f"Dashboards in the first {sizes.first_minute_seconds:.0f} s after a change of every "
            f"region's figures, zero think time ({users} readers): national p50 / p95",
            _ms(*first[0:2]),
            _ms(*b_first[0:2]),
            ratio(first[1], b_first[1]),
            "p95 ≤ 300 ms",
            check(first[1] <= 0.300 and first[4] == 0),
            load=loads[("app", "first")],
        ),
        Row(
            "…errors, requests/s served (first minute)",
            f"{first[4]:.0f} errors; {first[5]:,.0f} req/s",
            f"{b_first[4]:.0f} errors; {b_first[5]:,.0f} req/s",
            ratio(first[5], b_first[5]),
        ),
    ]
    return rows
