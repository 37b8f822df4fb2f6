"""`python manage.py rollup [--full]`: run the national rollups by hand, in this process."""

from django.core.management.base import BaseCommand

from reporting.rollups.service import rollup_full, rollup_incremental


class Command(BaseCommand):
    help = "Recomputes the pending rollups (or, with --full, every rollup) and reports the run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Rebuild every scope and year from the records."
        )

    def handle(self, *args, full, **options):
        run = rollup_full() if full else rollup_incremental()
        if run is None:
            self.stdout.write("Nothing was pending.")
            return
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            f"{run.get_kind_display()}: {run.scopes_done} scopes and years in {seconds:.2f} s."
        )
