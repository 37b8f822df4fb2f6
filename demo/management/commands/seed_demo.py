"""`python manage.py seed_demo`: demo organisations and users. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.activity import seed_activity
from demo.archive import seed_archive
from demo.learning import seed_learning
from demo.measures import seed_measures
from demo.people import seed_organisations, seed_people
from demo.portfolio import seed_generated_projects
from demo.stories import seed_story_projects
from regions.models import Region
from reporting.rollups.service import rollup_full
from projects.services.stalled import mark_stalled_projects

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
        with transaction.atomic():
            created = sum(
                seed_organisations(region, number)
                for number, region in enumerate(Region.objects.order_by("slug"), start=1)
            )
            people = seed_people(password)
            people += seed_story_projects(password)
            generated = seed_generated_projects()
            measures = seed_measures()
            activity = seed_activity()
            learning, leads = seed_learning(password)
            people += leads
            stories = seed_archive()
        run = rollup_full()
        self.stdout.write(
            f"Organisations: {created} new. Generated projects: {generated} new. "
            f"Story measures: {measures} new. Activity records: {activity} new."
        )
            mark_stalled_projects()  # the quiet ones stall today, as in the nightly sweep
        self.stdout.write(
            "Learning: " + ", ".join(f"{n} {kind}" for kind, n in learning.items()) + " new."
        )
        self.stdout.write(f"Archive: {stories} stories published.")
        self.stdout.write(f"Rollups rebuilt: {run.scopes_done} scopes and years.")
        self.stdout.write(f"Demo users (password: {password}):")
        for username, role in people:
            self.stdout.write(f"  {username:<42} {role}")
