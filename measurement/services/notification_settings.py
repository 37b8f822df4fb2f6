"""How each person chooses to hear of new signals and missing data: on this site, by email as
they happen, in a weekly digest. Someone who never saved a choice hears everything."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from measurement.models import NotificationSettings
from regions.models import User


def settings_of_users(user_ids) -> dict[int, NotificationSettings]:
    """{user id: their settings}, unsaved defaults for those with no row, in one query."""
    saved = {s.user_id: s for s in NotificationSettings.objects.filter(user__in=set(user_ids))}
    return {pk: saved.get(pk) or NotificationSettings(user_id=pk) for pk in user_ids}


def settings_of(user: User) -> NotificationSettings:
    return settings_of_users([user.pk])[user.pk]


@transaction.atomic
def notification_settings_save(
    *, by: User, user: User, in_app: bool, email: bool, weekly_digest: bool
) -> NotificationSettings:
    """Saves `user`'s choices (the row is made on the first save); only they may change them."""
    if not by.is_authenticated or by.pk != user.pk:
        raise PermissionDenied("Only you can change how you are notified")
    chosen, _ = NotificationSettings.objects.update_or_create(
        user=user, defaults={"in_app": in_app, "email": email, "weekly_digest": weekly_digest}
    )
    return chosen


def settings_page_url() -> str:
    """Where someone changes their choices, as an email links to it."""
    return f"{settings.SITE_URL}{reverse('measurement:notification_settings')}"
