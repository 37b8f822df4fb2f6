"""A project's last activity: the day someone last edited it, entered its data or changed one
of its PDSA cycles through the services (projects/services/stalled.py reads it)."""

from datetime import date

from django.utils import timezone

from projects.models import Project


def note_activity(project_ids, on: date | None = None) -> None:
    """Someone worked on these projects on `on` (today by default): one statement, however
    many, and none for a project already marked as active that day or later."""
    on = on or timezone.localdate()
    Project.objects.filter(pk__in=project_ids).exclude(last_activity_on__gte=on).update(
        last_activity_on=on
    )
