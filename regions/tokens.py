"""Partner API tokens (django-rest-knox): stored as SHA-512 digests, each with an expiry.

The page (regions/views_tokens.py) and `manage.py create_api_token` both write through here. A
user manages their own tokens; national admins may manage anyone's.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from knox.models import AuthToken

from regions import access
from regions.models import User

MAX_DAYS = 730  # two years: a partner renews before then


def default_days() -> int:
    return settings.REST_KNOX["TOKEN_TTL"].days


def _check_may_manage(by: User | None, user: User) -> None:
    """`by` is None for the command line, run by whoever operates the service."""
    if by is not None and not access.can_manage_tokens_of(by, user):
        raise PermissionDenied("You can only manage your own API tokens.")


def tokens_of(user: User) -> QuerySet[AuthToken]:
    """The user's tokens still in force, newest first."""
    live = user.auth_token_set.filter(expiry__gt=timezone.now()) | user.auth_token_set.filter(
        expiry__isnull=True
    )
    return live.order_by("-created")


@transaction.atomic
def token_create(*, by: User | None, user: User, days: int | None = None) -> tuple[AuthToken, str]:
    """A new token for `user`, valid for `days`; returns it and its key (shown only now)."""
    _check_may_manage(by, user)
    days = default_days() if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"A token lasts from 1 to {MAX_DAYS} days"})
    if not user.is_active:
        raise ValidationError({"user": f"{user.username} is deactivated"})
    return AuthToken.objects.create(user=user, expiry=timedelta(days=days))


@transaction.atomic
def token_revoke(*, by: User | None, token: AuthToken) -> None:
    _check_may_manage(by, token.user)
    token.delete()
