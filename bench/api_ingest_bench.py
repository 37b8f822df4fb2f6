"""Bulk ingest through the API beside raw PostgreSQL COPY of the same rows (the physical limit).

Run from the project root with PostgreSQL:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psc python bench/api_ingest_bench.py [--profile]

It creates its own throwaway database (never the one DATABASE_URL names) and drops it after.
50,000 weekly points over 40 measures are POSTed to /api/v1/data/ in requests of 10,000 through
the real WSGI application with a partner's token: once fresh, then re-sent unchanged. Then the
same rows are loaded into the data point table with COPY. The API also validates every row,
checks permission, writes the history and marks the rollups; COPY does none of that. Celery
tasks are sent to an in-memory broker (as to a worker in production), not run in-process.
--profile prints where one fresh request spends its time.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from measurement.models import DataPoint, Measure  # noqa: E402
from measurement.periods import last_complete_period  # noqa: E402
from psc.celery import app as celery_app  # noqa: E402
from psc.wsgi import application  # noqa: E402
from regions.api import tokens  # noqa: E402
from regions.models import Region, User  # noqa: E402
from tests.factories import ProjectFactory  # noqa: E402

BENCH_DATABASE = "test_psc_api_ingest_bench"
MEASURES = 40
WEEKS = 1250  # 24 years of weeks: 40 × 1,250 = 50,000 points
PER_REQUEST = 8  # measures a request: 8 × 1,250 = 10,000 points
ROUNDS = 3


def seed() -> tuple[str, list[Measure]]:
    partner = User.objects.create_user("partner.bench", password=None, is_api_client=True)
    partner.led_regions.set([Region.objects.get(slug="wessex")])
    project = ProjectFactory(lead_region=Region.objects.get(slug="wessex"), title="Bench")
    measures = [Measure.objects.create(project=project, name=f"Measure {n}", kind="outcome",
                                       data_type="continuous", chart="xmr", rules="mdc")
                for n in range(MEASURES)]
    return tokens.token_create(by=None, user=partner, days=1)[1], measures


def batches(measures: list[Measure]) -> list[list[dict]]:
    last = last_complete_period(timezone.localdate(), "weekly")
    periods = [(last - timedelta(weeks=n)).isoformat() for n in range(WEEKS)]
    rows = [{"measure": m.pk, "period": p, "value": round(20 + (i * 7 + m.pk) % 13 * 1.5, 1)}
            for m in measures for i, p in enumerate(periods)]
    size = PER_REQUEST * WEEKS
    return [rows[start:start + size] for start in range(0, len(rows), size)]


def post(key: str, body: bytes) -> dict:
    """One request through the WSGI application, as gunicorn would make it."""
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/api/v1/data/", "QUERY_STRING": "",
        "SERVER_NAME": "localhost", "SERVER_PORT": "80", "HTTP_HOST": "localhost",
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
        "HTTP_AUTHORIZATION": f"Token {key}", "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    status = []
    response = application(environ, lambda s, headers, exc_info=None: status.append(s))
    content = b"".join(response)
    response.close()
    assert status[0].startswith("200"), (status, content[:500])
    return json.loads(content)


def timed_posts(key: str, bodies: list[bytes], expect: str) -> float:
    started = time.perf_counter()
    for body in bodies:
        summary = post(key, body)
        assert summary[expect] == PER_REQUEST * WEEKS and not summary["rejected"], summary
    return time.perf_counter() - started


def clear() -> None:
    DataPoint.history.all().delete()
    DataPoint.objects.all().delete()


def copy_rows(rows: list[dict]) -> float:
    """COPY the same rows into the data point table from a ready-made buffer."""
    clear()
    now = timezone.now().isoformat()
    buffer = "".join(f"{r['measure']}\t{r['period']}\t{r['value']}\t\\N\t\\N\t\\N\t{now}\n"
                     for r in rows).encode()
    table = DataPoint._meta.db_table
    with connection.cursor() as cursor:
        started = time.perf_counter()
        with cursor.cursor.copy(f"COPY {table} (measure_id, period, value, numerator, "
                                "denominator, entered_by_id, updated_at) FROM STDIN") as copy:
            copy.write(buffer)
        elapsed = time.perf_counter() - started
    assert DataPoint.objects.count() == len(rows)
    return elapsed


def profile(key: str, measures: list[Measure]) -> None:
    clear()
    body = json.dumps({"points": batches(measures)[0]}).encode()
    profiler = cProfile.Profile()
    profiler.runcall(post, key, body)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def run(with_profile: bool) -> None:
    key, measures = seed()
    groups = batches(measures)
    bodies = [json.dumps({"points": rows}).encode() for rows in groups]
    total = sum(len(rows) for rows in groups)
    version = connection.pg_version
    print(f"{total:,} weekly points, {MEASURES} measures, {len(bodies)} requests of "
          f"{PER_REQUEST * WEEKS:,} ({sum(map(len, bodies)) / len(bodies) / 1e6:.2f} MB JSON "
          f"each), PostgreSQL {version // 10000}.{version % 10000}, through the WSGI app "
          f"with a token")
    fresh, unchanged, copied = [], [], []
    for _ in range(ROUNDS):  # the best of a few rounds: other work on the machine adds noise
        clear()
        fresh.append(timed_posts(key, bodies, "created"))
        unchanged.append(timed_posts(key, bodies, "unchanged"))
        copied.append(copy_rows([row for rows in groups for row in rows]))
    fresh, unchanged, copied = min(fresh), min(unchanged), min(copied)
    print(f"best of {ROUNDS} rounds:")
    print(f"{'':<34}{'seconds':>9}{'rows/s':>10}")
    for name, seconds in (("API, fresh (rows + history)", fresh),
                          ("API, re-sent unchanged", unchanged),
                          ("COPY into the data point table", copied)):
        print(f"{name:<34}{seconds:>9.2f}{total / seconds:>10,.0f}")
    print(f"API fresh / COPY: {copied / fresh:.1%}; unchanged / COPY: {copied / unchanged:.1%}")
    if with_profile:
        profile(key, measures)


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: COPY is PostgreSQL's.")
    connection.settings_dict["TEST"]["NAME"] = BENCH_DATABASE
    setup_test_environment(debug=False)
    celery_app.conf.task_always_eager = False  # tasks go to the broker, as in production
    celery_app.conf.broker_url = "memory://localhost/"
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run("--profile" in sys.argv)
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


if __name__ == "__main__":
    main()
