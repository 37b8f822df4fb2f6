"""The national Monday: one new week for every weekly measure through the API, in requests of
10,000 as a partner platform would send them, then the time until every refresh and rollup has
run and the dashboard shows the week, with a real Celery worker. Beside it, the floor: PostgreSQL
COPY of the same rows into a copy of the data point table (no validation, permission, history,
refresh or rollup)."""

from __future__ import annotations

import random
import time

import redis
from harness import BROKER, Row, Sizes, TreeMemory, check, ratio, seconds
from load import gunicorn, send
from measure_dashboards import load_average
from weekday import PER_REQUEST, api_rows, partner_token, post_points, session_cookie

QUEUES = ("celery", "refresh", "rollups", "notifications", "reports")


def queued() -> int:
    """Messages waiting in the broker, every queue."""
    broker = redis.Redis.from_url(BROKER)
    return sum(broker.llen(queue) for queue in QUEUES)


def _settled(after: float) -> bool:
    """Every measure analysed, no rollup pending, and a run finished since the last request."""
    from django.db.models import F

    from measurement.models import Measure
    from reporting.models import PendingRollup, RollupRun

    last = RollupRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
    return (
        not Measure.objects.filter(data_version__gt=F("analysed_version")).exists()
        and not PendingRollup.objects.exists()
        and last is not None
        and last.finished_at.timestamp() > after
    )


def _shown(port: int, cookie: str, year: str) -> bool:
    """The national dashboard answers, drawn from the figures as they are now."""
    status, body = send(port, "GET", f"/dashboard/?year={year}", headers={"Cookie": cookie})
    return status == 200 and b"Figures last refreshed" in body


def _one_monday(port: int, token: str, series, week, chance, cookie, year) -> dict:
    rows = api_rows(series, week, chance)
    requests = [rows[i : i + PER_REQUEST] for i in range(0, len(rows), PER_REQUEST)]
    started = time.perf_counter()
    for chunk in requests:
        post_points(port, token, chunk)
    accepted = time.perf_counter() - started
    last_request = time.time()
    deadline = time.monotonic() + 600
    while not _settled(last_request):
        if time.monotonic() > deadline:
            raise RuntimeError("The worker never caught up with the Monday")
        time.sleep(0.25)
    while not _shown(port, cookie, year):
        time.sleep(0.1)
    shown = time.time() - last_request
    return {"rows": len(rows), "requests": len(requests), "accepted": accepted,
            "shown": shown, "queued": queued()}  # fmt: skip


def _copy_floor(series, week, chance) -> float:
    """COPY of as many rows into the live data point table, for a week no one has entered (a
    year ahead, which the API would refuse), committed before the clock stops; then removed."""
    from datetime import timedelta

    from django.db import connection, transaction
    from django.utils import timezone

    ahead = week + timedelta(weeks=52)
    now = timezone.now().isoformat()
    rows = api_rows(series, ahead, chance)

    def cell(value) -> str:
        return "\\N" if value is None else str(value)

    buffer = "".join(
        f"{r['measure']}\t{r['period']}\t{cell(r.get('value'))}\t{cell(r.get('numerator'))}\t"
        f"{cell(r.get('denominator'))}\t{now}\n"
        for r in rows
    ).encode()
    started = time.perf_counter()
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY measurement_datapoint (measure_id, period, value, numerator, denominator, "
            "updated_at) FROM STDIN"
        ) as copy,
    ):
        copy.write(buffer)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM measurement_datapoint WHERE period = %s", [ahead])
    return len(rows) / elapsed


def monday(sizes: Sizes, week, series) -> tuple[list[Row], TreeMemory]:
    """The rows; the worker's memory is the caller's to sample (it runs the worker)."""
    import statistics

    from core.fiscal import financial_year
    from regions.models import NationalRole, User

    token = partner_token()
    viewer = User.objects.filter(national_role=NationalRole.VIEWER).first()
    cookie = session_cookie(viewer)
    chance = random.Random(2017)
    load_before = load_average()
    with gunicorn("psc.wsgi") as (port, web):
        runs = [
            _one_monday(port, token, series, week, chance, cookie, financial_year(week))
            for _ in range(sizes.monday_runs)
        ]
    load_after = load_average()
    floor = statistics.median(_copy_floor(series, week, chance) for _ in range(sizes.monday_runs))
    rows_per_s = statistics.median(run["rows"] / run["accepted"] for run in runs)
    shown = statistics.median(run["shown"] for run in runs)
    queue = max(run["queued"] for run in runs)
    first = runs[0]
    return [
        Row(
            f"**National Monday**: one week for every weekly measure ({first['rows']:,} rows) "
            f"through the API in {first['requests']} requests of ≤ {PER_REQUEST:,}: rows/s "
            "accepted",
            f"{rows_per_s:,.0f}",
            f"{floor:,.0f} (COPY)",
            ratio(rows_per_s, floor),
            "≥ 20,000 rows/s",
            check(rows_per_s >= 20_000),
            load=(load_before, load_after),
        ),
        Row(
            "…then until every refresh and rollup has run and the dashboard shows the week; "
            "the broker's queues then",
            f"{seconds(shown)}; {queue} messages queued",
            target="≤ 60 s, queue empty",
            met=check(shown <= 60 and queue == 0),
        ),
    ], web
