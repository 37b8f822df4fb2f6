"""The incremental rollup after one week's batch, as `bench/run.py`'s `incremental_rollup` times
it, plus the full rebuild, against the database you name (never psc_bench, which run.py owns):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/psc_incr python bench/rollup_bench.py

Each run saves one week's values for 1% of the measures (`data_points_upsert`, no tasks sent),
re-analyses them (`refresh_stale_measures`), then times `rollup_incremental()`, run.py's
baseline statement for the current year, and `rollup_full()`. It prints each run and the
medians. The database keeps the saved weeks.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def one_run(sample: int, offset: int) -> dict:
    from harness import no_enqueueing, timed
    from measure_entry import entry_measures
    from measure_rollups import sql_totals, weekly_batch
    from run import due_week

    from core.fiscal import financial_year
    from measurement.services.refresh import refresh_stale_measures
    from reporting.models import PendingRollup
    from reporting.rollups.service import rollup_full, rollup_incremental

    due = due_week()
    measures = entry_measures(sample, offset=offset, due=due)
    with no_enqueueing():
        saved = weekly_batch(measures, due)
    refreshed = timed(refresh_stale_measures)
    marks = PendingRollup.objects.count()
    incremental = timed(rollup_incremental)
    baseline = timed(sql_totals, [financial_year(due)])  # run.py's baseline, same conditions
    full = timed(rollup_full)
    return {
        "save": saved,
        "refresh": refreshed,
        "series/s": len(measures) / refreshed,
        "marks": marks,
        "incremental": incremental,
        "sql baseline": baseline,
        "full": full,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.01)
    parser.add_argument(
        "--offset",
        type=int,
        default=100,
        help="Which spread of measures the first run takes (then +1 a run).",
    )
    args = parser.parse_args()
    if "psc_bench" in os.environ.get("DATABASE_URL", "psc_bench"):
        sys.exit("Set DATABASE_URL to your own database: psc_bench belongs to bench/run.py")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # as in production: no query log kept
    from measurement.models import Measure

    sample = max(1, round(Measure.objects.exclude(data_type="events").count() * args.share))
    runs = []
    for run in range(args.runs):
        runs.append(one_run(sample, args.offset + run))
        print(
            f"run {run + 1} ({sample} measures): "
            + ", ".join(f"{name} {value:.2f}" for name, value in runs[-1].items()),
            flush=True,
        )
    print(
        "median: "
        + ", ".join(f"{name} {statistics.median(r[name] for r in runs):.2f}" for name in runs[0])
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
