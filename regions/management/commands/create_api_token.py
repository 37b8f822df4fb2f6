"""python manage.py create_api_token <username> [--expires-days N]

Prints a new API token for the user; the token alone is the last line, so a script can take it
with `| tail -n 1`. Only its digest is stored: it cannot be shown again.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from regions import tokens
from regions.models import User


class Command(BaseCommand):
    help = "Creates an API token for a user and prints it (alone on the last line)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--expires-days",
            type=int,
            default=None,
            help=f"How many days the token lasts (1 to {tokens.MAX_DAYS}; "
            f"default {tokens.default_days()}).",
        )

    def handle(self, *args, username, expires_days, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        try:
            token, key = tokens.token_create(by=None, user=user, days=expires_days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"API token for {user.username}, expiring "
            f"{token.expiry:%Y-%m-%d %H:%M %Z}. It is shown only once:"
        )
        self.stdout.write(key)
