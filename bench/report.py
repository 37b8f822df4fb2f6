"""docs/benchmarks.md: the machine, the dataset, the table and what each row measures."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from harness import BROKER, MB, ROOT, RUNS, SMOKE, Row, Sizes


def markdown_table(rows: list[Row]) -> str:
    lines = [
        "| Measurement | App | Baseline | Ratio (app ÷ baseline) | Target | Met "
        "| Load (1 / 5 min) before → after |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.name} | {r.app} | {r.baseline} | {r.ratio} | {r.target} | {r.met} | "
        f"{' → '.join(r.load) if r.load else ''} |"
        for r in rows
    ]
    return "\n".join(lines)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine(load_at_start: str) -> dict[str, str]:
    import platform
    from importlib.metadata import version

    import redis
    from django.db import connection

    memory = next(
        line
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "Cores (nproc)": str(os.cpu_count()),
        "Memory": f"{int(memory.split()[1]) / 1024 / 1024:.1f} GiB",
        "CPU": cpu,
        "System": platform.platform(),
        "Python": platform.python_version(),
        "Django": version("Django"),
        "PostgreSQL": postgres,
        "Redis": redis.Redis.from_url(BROKER).info("server")["redis_version"],
        "numpy / pandas / matplotlib": " / ".join(
            version(name) for name in ("numpy", "pandas", "matplotlib")
        ),
        "Commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "Load average at the start and end (1, 5, 15 min; other work shares the machine)": (
            f"{load_at_start} and {load_average()}"
        ),
    }


def database_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]


NOTES = """\
## What each row measures

Every figure is the median of {runs} runs; p50 / p95 figures are the medians of each run's p50 and
p95, and the ratio compares the p95s (or the rates).

- **Dashboards under load** (`bench/measure_dashboards.py`, `bench/load.py`): the app served by
  gunicorn with 3 sync workers and DEBUG off, as the Dockerfile runs it, on the same machine as
  PostgreSQL, Redis and the load generator. {users} virtual users, each a signed-in national
  viewer (three in five, on the national page) or a regional lead (on their region's page),
  choosing a financial year and quarter at random and waiting 1–3 s between requests (locust's
  `between(1, 3)`); each run records {load_seconds:.0f} s after the users have arrived. Latency is
  the whole response on a fresh connection. Then the same users with no think time, for
  throughput. Before the runs, {warm_up:.0f} s of the same users with no think time fill the
  page caches (reported on its own row: what the first visitors after a change of figures see).
  *Baseline* (`bench/baseline_wsgi.py`): a bare WSGI app on the same gunicorn answering each
  request with the figures computed live by one `GROUP BY` over the records (`TOTALS_SQL` below,
  for the asked year and quarter), as JSON: no Django, no sessions, no HTML.
- **Full rollup rebuild**: `rollup_full()`, every scope (England and the 15 regions), financial
  year and quarter. *Baseline*: one hand-written SQL statement (`TOTALS_SQL` in
  `bench/measure_rollups.py`) computing the same headline totals (people and patients trained,
  champions, culture assessments, distinct organisations engaged, projects started, completed and
  active, measures improving and of concern) for every scope, year and quarter with
  `GROUPING SETS`. It leaves out the breakdowns by topic, setting and kind, and the harm
  estimate. Its result was {baseline_agrees} as the stored figures.
- **Incremental rollup**: one week's values for 1% of the measures saved through
  `data_points_upsert` (which marks each region's current year pending), then the refresh tasks
  that re-analyse those measures (timed on their own row, as the worker would run them), then
  `rollup_incremental()`. Readings of closed quarters are frozen (docs/adr/0005): a new week
  re-reads only the current quarter, so only the current year of each region is pending.
  *Baseline*: the same statement for the current financial year.
- **Freshness**: a training record changed through the ORM in a transaction (as a page does);
  the clock runs until the stored national figure (what the dashboard and API read) shows it, with
  a real `celery -A psc worker` on Redis doing the work.
- **SPC throughput**: the application's `analyse` on series read from the database (the reading
  is not timed), one process. *Baseline*: a straightforward per-series pandas XmR chart (mean,
  moving range, limits, points outside, 8-point shift). The app's analysis does much more: the
  chart each measure asks for (p, u, Laney, c, run), its rule set, phases, baselines and the
  Making Data Count point types. The next row reads, analyses and stores a sample of measures
  in a pool of one process per core (`refresh_measures`, database reads and writes included),
  as refresh tasks run.
- **Charts**: `measurement.charting.chart_image` for XmR (Making Data Count) measures with a
  target where there are enough of them. Uncached: read the points, analyse, draw, store in Redis;
  cached: the second call, a Redis hit (plus the query for the PDSA markers that key it).
  *Baselines*: a bare matplotlib line with three horizontal lines; a plain Redis GET of the bytes.
- **Portfolio page**: the Django test client signed in as a national viewer (every project
  visible), the first page and a filtered text search (`bench/portfolio_bench.py`'s scenarios).
  *Baseline*: one SQL statement selecting the first page's 25 rows with their cycle columns and
  the total count.
- **Data-entry save**: `data_points_upsert` of one week for one measure by its project lead,
  with the worker running (the save enqueues the measure's refresh and a rollup). *Baseline*: one
  `INSERT … ON CONFLICT DO UPDATE` of the same row, no history, no marks.
- **API bulk ingest** (`bench/api_ingest_bench.py`, on the dataset measured): weekly values for
  new measures of a new project POSTed to `/api/v1/data/` in requests of 10,000 through the real
  WSGI application with a partner's token (each row validated, permission checked, history
  written, rollups marked), then the same rows re-sent unchanged (nothing is written).
  *Baseline*: PostgreSQL `COPY` of the same rows into the data point table, nothing else.
- **Memory**: sampled twice a second from /proc: gunicorn's largest process is a web worker
  under the dashboard load; the Celery worker's figure sums its prefork processes, and the
  all-processes figure sums gunicorn's and the worker's (shared pages count in each process, so
  the sums overstate).
"""


def report(
    scale: str, sizes: Sizes, table: str, generation: dict, notes: dict, measured: float
) -> str:
    from django.utils import timezone

    info = machine(notes["load"])
    smoke = sizes == SMOKE
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`bench/run.py{' --smoke' if smoke else ''}`) on "
        f"{timezone.now():%-d %B %Y}, at the **{scale}** scale"
        f"{' (a smoke run with small samples)' if smoke else ''}. Database: {database_size()}.",
        "",
        "| Machine | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.items()),
        "",
    ]
    if generation:
        lines += [
            "## The dataset",
            "",
            f"`generate_scale_data --scale {scale}` took {generation['seconds']:.0f} s "
            f"(peak RSS of its largest process {generation['peak'] / MB:,.0f} MB):",
            "",
            "```",
            generation["output"],
            "```",
            "",
        ]
    lines += [
        "## Results",
        "",
        table,
        "",
        f"The measurements took {measured:.0f} s. The before and after of each fix, with "
        "the profiles behind them: `docs/benchmark-history.md`.",
        "",
        NOTES.format(
            runs=RUNS,
            baseline_agrees=notes.get("baseline_agrees", "—"),
            users=sizes.users,
            load_seconds=sizes.load_seconds,
            warm_up=sizes.load_warm_up,
        ),
    ]
    return "\n".join(lines)
