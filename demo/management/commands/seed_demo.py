"""`python manage.py seed_demo`: demo organisations and users. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.activity import seed_activity
from demo.archive import seed_archive
from demo.current import seed_current_work
from demo.learning import seed_learning
from demo.measures import seed_measures
from demo.people import seed_organisations, seed_people
from demo.portfolio import seed_generated_projects
from demo.stories import seed_story_projects
from projects.services.stalled import mark_stalled_projects
from regions.models import Region
from reporting.rollups.service import rollup_full

DEFAULT_PASSWORD = "demo-password-2016"


class Command(BaseCommand):
    help = "Creates demo organisations and users (idempotent). Refuses when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="Password for every demo user."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a live service).",
        )

    def handle(self, *args, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a live service: seed_demo refuses to add "
                "demo users with a known password. Use --force only on a throwaway copy."
            )
        today = timezone.localdate()  # the demo's programme runs to this day
        with transaction.atomic():
            created = sum(
                seed_organisations(region, number)
                for number, region in enumerate(Region.objects.order_by("slug"), start=1)
            )
            people = seed_people(password)
            people += seed_story_projects(password)
            generated = seed_generated_projects(today=today)
            measures = seed_measures()
            if generated:
                measures += seed_current_work(today=today)
            activity = seed_activity(today=today)
            learning, leads = seed_learning(password, today)
            people += leads
            stories = seed_archive()
            mark_stalled_projects()  # the quiet ones stall today, as in the nightly sweep
            # Inside the transaction: the full rebuild clears the marks the seed left, so the
            # incremental rollup they would start once it commits finds nothing to do.
            run = rollup_full()
        self.stdout.write(
            f"Organisations: {created} new. Generated projects: {generated} new. "
            f"Measures: {measures} new. Activity records: {activity} new."
        )
        self.stdout.write(
            "Learning: " + ", ".join(f"{n} {kind}" for kind, n in learning.items()) + " new."
        )
        self.stdout.write(f"Archive: {stories} stories published.")
        self.stdout.write(f"Rollups rebuilt: {run.scopes_done} scopes and years.")
        self.stdout.write(f"Demo users (password: {password}):")
        for username, role in people:
            self.stdout.write(f"  {username:<42} {role}")
