"""Bulk ingest through the API beside raw PostgreSQL COPY of the same rows (the physical limit).

Run from the project root with PostgreSQL:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psc python bench/api_ingest_bench.py [--profile]

Standalone, it creates its own throwaway database (named after, but never, the one DATABASE_URL
names) and drops it after. `ingest_figures()` does the same measurement inside an already
configured Django process against the current database (bench/run.py on the national dataset),
with its own partner, project and measures, deleted afterwards.

50,000 weekly points over 40 measures are POSTed to /api/v1/data/ in requests of 10,000 through
the real WSGI application with a partner's token: once fresh, then re-sent unchanged. Then the
same rows are loaded into the data point table with COPY. The API also validates every row,
checks permission, writes the history and marks the rollups; COPY does none of that. Celery
tasks go to the process's broker (an in-memory one when it would run them in-process), as to a
worker in production. --profile prints where one fresh request spends its time.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

WEEKS = 1250  # 24 years of weeks a measure
PER_REQUEST = 10_000  # points a request: the API's limit
ROWS = 50_000
ROUNDS = 3


@dataclass
class World:
    """What one measurement creates, so it can remove exactly that."""

    key: str
    user: object
    project: object
    measures: list
    requests: list[list[dict]]

    @property
    def rows(self) -> list[dict]:
        return [row for rows in self.requests for row in rows]


def ingest_figures(rounds: int = ROUNDS, rows: int = ROWS) -> dict:
    """Medians over `rounds` of fresh, re-sent and COPY rows a second, in the current database."""
    from django.test.utils import override_settings

    with override_settings(DEBUG=False), _tasks_not_run_here():
        world = _seed(max(1, round(rows / WEEKS)))
        try:
            post(world.key, json.dumps({"points": world.requests[0]}).encode(), dry_run=True)
            runs = [_round(world) for _ in range(rounds)]
        finally:
            _remove(world)
    figures = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    return {**figures, "rows": len(world.rows), "rounds": rounds}


@contextmanager
def _tasks_not_run_here():
    """Tasks run eagerly when no broker is set: send them to an in-memory one instead, so the
    timings are the request's and not the chart refreshes'."""
    from psc.celery import app

    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    if eager:
        app.conf.task_always_eager, app.conf.broker_url = False, "memory://localhost/"
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, broker


def _seed(measure_count: int) -> World:
    from django.utils import timezone

    from measurement.models import Measure
    from projects.models import Project, Topic
    from regions import tokens
    from regions.models import Region, User

    suffix = uuid.uuid4().hex[:10]
    region = Region.objects.filter(slug="wessex").first() or Region.objects.order_by("pk")[0]
    user = User.objects.create_user(f"bench.ingest.{suffix}", password=None, is_api_client=True)
    user.led_regions.set([region])
    today = timezone.localdate()
    project = Project.objects.create(
        title=f"API ingest bench {suffix}",
        lead_region=region,
        topic=Topic.SEPSIS,
        start_date=today,
        status_since=today,
    )
    measures = [
        Measure.objects.create(
            project=project,
            name=f"Ingest bench {suffix} {n}",
            kind="outcome",
            data_type="continuous",
            chart="xmr",
            rules="mdc",
        )
        for n in range(measure_count)
    ]
    key = tokens.token_create(by=None, user=user, days=1)[1]
    return World(key, user, project, measures, _requests(measures))


def _requests(measures: list) -> list[list[dict]]:
    from django.utils import timezone

    from measurement.periods import last_complete_period

    last = last_complete_period(timezone.localdate(), "weekly")
    periods = [(last - timedelta(weeks=n)).isoformat() for n in range(WEEKS)]
    rows = [
        {"measure": m.pk, "period": p, "value": round(20 + (i * 7 + m.pk) % 13 * 1.5, 1)}
        for m in measures
        for i, p in enumerate(periods)
    ]
    return [rows[start : start + PER_REQUEST] for start in range(0, len(rows), PER_REQUEST)]


def _round(world: World) -> dict:
    bodies = [json.dumps({"points": rows}).encode() for rows in world.requests]
    total = len(world.rows)
    _clear(world)
    fresh = _timed_posts(world, bodies, "created")
    resent = _timed_posts(world, bodies, "unchanged")
    copied = _copy_rows(world)
    _clear(world)
    return {
        "fresh_rows_per_s": total / fresh,
        "resent_rows_per_s": total / resent,
        "copy_rows_per_s": total / copied,
    }


def post(key: str, body: bytes, dry_run: bool = False) -> dict:
    """One request through the WSGI application, as gunicorn would make it (a dry run first
    warms the process up, as a worker that has served requests is)."""
    from django.conf import settings

    from psc.wsgi import application

    host = next(
        (h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "localhost"
    )
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/v1/data/",
        "QUERY_STRING": "dry_run=true" if dry_run else "",
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_AUTHORIZATION": f"Token {key}",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    response = application(environ, lambda s, headers, exc_info=None: status.append(s))
    content = b"".join(response)
    response.close()
    assert status[0].startswith("200"), (status, content[:500])
    return json.loads(content)


def _timed_posts(world: World, bodies: list[bytes], expect: str) -> float:
    started = time.perf_counter()
    for rows, body in zip(world.requests, bodies, strict=True):
        summary = post(world.key, body)
        assert summary[expect] == len(rows) and not summary["rejected"], summary
    return time.perf_counter() - started


def _clear(world: World) -> None:
    """Deletes the measures' points and their history in SQL: the ORM would load each point and
    write a deletion record for it."""
    from django.db import connection

    from measurement.models import DataPoint

    ids = [m.pk for m in world.measures]
    with connection.cursor() as cursor:
        for model in (DataPoint.history.model, DataPoint):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE measure_id = ANY(%s)", [ids])


def _copy_rows(world: World) -> float:
    """COPY the same rows into the data point table from a ready-made buffer, committed (as the
    API's are) before the clock stops."""
    from django.db import connection
    from django.utils import timezone

    from measurement.models import DataPoint

    _clear(world)
    now = timezone.now().isoformat()
    buffer = "".join(
        f"{r['measure']}\t{r['period']}\t{r['value']}\t\\N\t\\N\t\\N\t{now}\n" for r in world.rows
    ).encode()
    table = DataPoint._meta.db_table
    with connection.cursor() as cursor:
        started = time.perf_counter()
        with cursor.cursor.copy(
            f"COPY {table} (measure_id, period, value, numerator, "
            "denominator, entered_by_id, updated_at) FROM STDIN"
        ) as copy:
            copy.write(buffer)
        elapsed = time.perf_counter() - started
    assert DataPoint.objects.filter(measure__in=world.measures).count() == len(world.rows)
    return elapsed


def _remove(world: World) -> None:
    """Everything the measurement made, history included. Its rollup marks stay: the figures
    they ask to re-count may have been computed while the bench project existed."""
    from measurement.models import Measure
    from projects.models import Project

    _clear(world)
    measure_ids, project_id = [m.pk for m in world.measures], world.project.pk  # delete() clears
    world.project.delete()
    Measure.history.filter(id__in=measure_ids).delete()
    Project.history.filter(id=project_id).delete()
    world.user.delete()


def _print(figures: dict) -> None:
    from django.db import connection

    version = connection.pg_version
    print(
        f"{figures['rows']:,} weekly points in requests of {PER_REQUEST:,} through the WSGI app "
        f"with a token, PostgreSQL {version // 10000}.{version % 10000}; "
        f"medians of {figures['rounds']} rounds:"
    )
    fresh, resent, copied = (figures[f"{name}_rows_per_s"] for name in ("fresh", "resent", "copy"))
    for name, rate in (
        ("API, fresh (rows + history)", fresh),
        ("API, re-sent unchanged", resent),
        ("COPY into the data point table", copied),
    ):
        print(f"{name:<34}{figures['rows'] / rate:>8.2f} s{rate:>10,.0f} rows/s")
    print(f"API fresh / COPY: {fresh / copied:.1%}; unchanged / COPY: {resent / copied:.1%}")


def _profile() -> None:
    from django.test.utils import override_settings

    with override_settings(DEBUG=False), _tasks_not_run_here():
        world = _seed(PER_REQUEST // WEEKS)
        try:
            body = json.dumps({"points": world.requests[0]}).encode()
            profiler = cProfile.Profile()
            profiler.runcall(post, world.key, body)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        finally:
            _remove(world)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from psc.celery import app as celery_app

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: COPY is PostgreSQL's.")
    test_settings = connection.settings_dict["TEST"]
    test_settings["NAME"] = f"test_{connection.settings_dict['NAME']}_api_ingest_bench"
    setup_test_environment(debug=False)
    celery_app.conf.task_always_eager = False  # tasks go to a broker, as in production
    celery_app.conf.broker_url = "memory://localhost/"
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        _print(ingest_figures())
        if "--profile" in sys.argv:
            _profile()
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    main()
