"""The benchmark `make bench` runs: one table of the app's figures against a baseline measured on
the same machine in the same run, each the median of 3 runs, written to docs/benchmarks.md.

    python bench/run.py                  # national scale (about 20 minutes on 2 cores)
    python bench/run.py --scale small    # the CI-sized dataset, full sample sizes
    python bench/run.py --smoke          # small dataset, small samples: about three minutes

It drops and re-creates the PostgreSQL database `psc_bench` (never any other), migrates it, fills
it with `generate_scale_data`, and owns Redis databases 9 (broker) and 10 (cache), which it
empties. A real Celery worker runs for the freshness and data-entry measurements.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),  # the project
    str(Path(__file__).resolve().parent),
]  # the other bench modules

from harness import (  # noqa: E402
    DATABASE,
    FULL,
    MB,
    ROOT,
    SMOKE,
    Row,
    Sizes,
    _status,
    celery_worker,
    check,
    configure,
    manage,
    recreate_database,
    wait_until_settled,
)
from measure_analysis import charts, spc_throughput  # noqa: E402
from measure_dashboards import dashboards  # noqa: E402
from measure_entry import freshness, saves  # noqa: E402
from measure_grid import grid  # noqa: E402
from measure_ingest import ingest  # noqa: E402
from measure_monday import monday  # noqa: E402
from measure_pages import portfolio  # noqa: E402
from measure_rollups import full_rollup, incremental_rollup  # noqa: E402
from report import load_average, markdown_table, report  # noqa: E402

# The run --------------------------------------------------------------------------------------


def memory_rows(web, worker, this_process: int) -> list[Row]:
    total = web.peak + worker.peak
    return [
        Row(
            "Memory: a gunicorn web worker, peak RSS of the largest (under the dashboard load)",
            f"{web.largest / MB:,.0f} MB",
            target="≤ 250 MB",
            met=check(web.largest <= 250 * MB),
        ),
        Row(
            "Memory: Celery worker, peak RSS of all its processes (largest one)",
            f"{worker.peak / MB:,.0f} MB ({worker.largest / MB:,.0f} MB)",
        ),
        Row(
            "Memory: all app processes (gunicorn's and the worker's peaks, summed)",
            f"{total / MB:,.0f} MB",
            target="≤ 1 GB",
            met=check(total <= 1024 * MB),
        ),
        Row(
            "Memory: this benchmark process (pages in the test client, charts, saves)",
            f"{this_process / MB:,.0f} MB",
        ),
    ]


def due_week() -> date:
    """The week just completed: the generator leaves it empty for the data entry below."""
    from django.utils import timezone

    from measurement.periods import WEEKLY, last_complete_period

    return last_complete_period(timezone.localdate(), WEEKLY)


GROUPS = (
    "dashboards",
    "grid",
    "portfolio",
    "charts",
    "entry",
    "incremental",
    "full",
    "spc",
    "ingest",
    "monday",
)
SMOKE_BUDGET_SECONDS = 180  # CI's smoke: every figure at the small scale, the worker included
WITH_WORKER = {"dashboards", "grid", "entry", "monday"}


def _with_load(rows: list[Row], before: str) -> list[Row]:
    """Each row with the load average before and after its measurement (unless it says)."""
    after = load_average_now()
    for row in rows:
        row.load = row.load or (before, after)
    return rows


def load_average_now() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()[:2])


def measure_all(sizes: Sizes, batch_share: float, only: set[str]) -> tuple[list[Row], dict]:
    """Every group of rows (or only those asked for), in the order the report lists them. The
    worker runs for the groups that need it, and is stopped for those that time work it would
    otherwise take from under them."""
    from weekday import weekly_series

    from measurement.models import Measure

    due, notes, rows = due_week(), {}, {group: [] for group in GROUPS}
    web = worker = None

    def measured(group, function, *args):
        before = load_average_now()
        rows[group] = _with_load(function(*args), before)

    if only & WITH_WORKER:
        with celery_worker() as worker:
            if "dashboards" in only:
                before = load_average_now()
                found, web = dashboards(sizes, due)
                rows["dashboards"] = _with_load(found, before)
                wait_until_settled()
            if "grid" in only:
                measured("grid", grid, sizes, due, weekly_series())
                wait_until_settled()
            if "entry" in only:
                measured("entry", lambda: freshness(sizes) + saves(sizes, due))
                wait_until_settled()
            if "monday" in only:
                found, _ = monday(sizes, due, weekly_series())
                rows["monday"] = found
                wait_until_settled()
    this_process = _status(os.getpid(), "VmHWM")
    if "portfolio" in only:
        measured("portfolio", portfolio, sizes)
    if "charts" in only:
        measured("charts", charts, sizes)
    if "incremental" in only:
        share = max(1, round(Measure.objects.exclude(data_type="events").count() * batch_share))
        measured("incremental", incremental_rollup, share, due)
    if "full" in only:
        before = load_average_now()
        found, notes["baseline_agrees"] = full_rollup()
        rows["full"] = _with_load(found, before)
    if "spc" in only:
        measured("spc", spc_throughput, sizes)
    if "ingest" in only:  # after the rollups: its marks and queued tasks would disturb them
        measured("ingest", ingest, sizes)
    ordered = [row for group in GROUPS for row in rows[group]]
    if web and worker:
        ordered += memory_rows(web, worker, this_process)
    return ordered, notes


def generate(scale: str) -> dict:
    import resource

    started = time.perf_counter()
    output = manage("generate_scale_data", "--scale", scale)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"seconds": elapsed, "output": output.strip(), "peak": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "national"], default="national")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="The small dataset and small samples, in about three minutes.",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the psc_bench database as it is (no drop or generate).",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="Where to write the report (default: docs/benchmarks.md, or nothing for --smoke).",
    )
    parser.add_argument(
        "--only",
        default=",".join(GROUPS),
        help=f"Comma-separated groups to measure (default: all of {GROUPS}).",
    )
    args = parser.parse_args()
    scale = "small" if args.smoke else args.scale
    sizes = SMOKE if args.smoke else FULL
    configure(DATABASE)
    started = time.perf_counter()
    generation = {}
    if not args.reuse:
        recreate_database()
        manage("migrate", "--noinput")
        generation = generate(scale)
        print(generation["output"])
    load = load_average()
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # as in production: no query log kept
    measuring = time.perf_counter()
    rows, notes = measure_all(sizes, batch_share=0.01, only=set(args.only.split(",")))
    measured = time.perf_counter() - measuring
    table = markdown_table(rows)
    print(table)
    print(f"Measured in {measured:.0f} s; {time.perf_counter() - started:.0f} s in all.")
    if args.smoke and measured > SMOKE_BUDGET_SECONDS:
        print(f"Over the smoke run's budget of {SMOKE_BUDGET_SECONDS} s ({measured:.0f} s).")
    output = args.output or (None if args.smoke else ROOT / "docs" / "benchmarks.md")
    if output:
        notes["load"] = load
        output.write_text(report(scale, sizes, table, generation, notes, measured))
        print(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
