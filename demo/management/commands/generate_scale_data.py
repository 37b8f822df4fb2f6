"""`python manage.py generate_scale_data --scale small|national [--projects N ...]`

Writes a realistic national dataset for benchmarks (see demo/scale/). Refuses to touch a
database that already has projects or organisations unless given --replace.
"""

import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.scale.build import AlreadyHasData, Generation, check_empty
from demo.scale.presets import PRESETS, resolve
from measurement.periods import WEEKLY, last_complete_period
from reporting.rollups.service import rollup_full


def default_end() -> date:
    """The week before last: last week's values are still to enter, as on a Monday morning."""
    return last_complete_period(timezone.localdate(), WEEKLY) - timedelta(weeks=1)


def monday(text: str) -> date:
    day = date.fromisoformat(text)
    if day.weekday() != 0:
        raise ValueError("weekly periods start on a Monday")
    return day


class Command(BaseCommand):
    help = "Generates a national-scale synthetic dataset (COPY on PostgreSQL) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(PRESETS), default="national")
        parser.add_argument("--projects", type=int, help="Overrides the preset.")
        parser.add_argument("--organisations", type=int, help="Overrides the preset.")
        parser.add_argument("--weeks", type=int, help="Weekly values per measure.")
        parser.add_argument("--measures-per-project", type=int)
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument(
            "--end",
            type=monday,
            default=None,
            help="The last week with values, a Monday (default: the week "
            "before last). The data is the same for the same seed and end.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="Processes analysing and formatting series (default: one per core).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="First delete all projects, measures, organisations and "
            "activity (and the users a previous run made).",
        )
        parser.add_argument(
            "--no-rollup", action="store_true", help="Skip the full rollup rebuild at the end."
        )

    def handle(self, *args, scale, seed, end, workers, replace, no_rollup, **options):
        size = resolve(
            scale,
            projects=options["projects"],
            organisations=options["organisations"],
            weeks=options["weeks"],
            measures_per_project=options["measures_per_project"],
        )
        end = end or default_end()
        started = time.perf_counter()
        try:
            check_empty(replace)
        except AlreadyHasData as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Generating {size.projects:,} projects, {size.organisations:,} "
            f"organisations, {size.measures:,} measures with {size.weeks} weeks "
            f"to {end} (seed {seed})"
        )
        report = Generation(size, seed, end, self.stdout.write, workers).run()
        if not no_rollup:
            rollup_started = time.perf_counter()
            run = rollup_full()
            report.seconds["rollup"] = time.perf_counter() - rollup_started
            self.stdout.write(
                f"  full rollup: {run.scopes_done} scopes and years in "
                f"{report.seconds['rollup']:.1f} s"
            )
        elapsed = time.perf_counter() - started
        for key, rows in sorted(report.rows.items()):
            self.stdout.write(f"  {key:<18}{rows:>12,}")
        if report.unanalysable:
            self.stdout.write(f"  {report.unanalysable} measures the analysis refused")
        self.stdout.write(
            f"Done: {report.total_rows:,} rows in {elapsed:.1f} s "
            f"({report.total_rows / elapsed:,.0f} rows/s)"
        )
