"""Stalled projects: an active project with no data, PDSA cycle or edit for
PROJECT_STALLED_AFTER_DAYS is stalled (swept each night), and its region's leads close it or mark
it active again.

A project's last activity is the latest of `last_activity_on`, which the PDSA and data services
bump (`projects.services.activity`), its last save (an edit) and its status date: so a project
marked active is not stalled again until a whole quiet period has passed from that day.
It stalls on the day the sweep finds it quiet, so the figures of earlier periods do not move.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from projects.models import Project, ProjectStatus, StatusChange
from projects.services.project import project_update
from regions.models import User


def quiet_period() -> timedelta:
    return timedelta(days=settings.PROJECT_STALLED_AFTER_DAYS)


def with_last_activity(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Annotates `last_active_on`: the latest of the data or PDSA work recorded, the project's
    last save (an edit) and its status date."""
    return projects.annotate(
        last_active_on=Greatest(
            Coalesce("last_activity_on", "status_since"),
            TruncDate("updated_at"),
            F("status_since"),
        )
    )


def quiet_projects(today: date) -> QuerySet[Project]:
    """Active projects with no activity for a whole quiet period up to `today`."""
    active = with_last_activity(Project.objects.filter(status=ProjectStatus.ACTIVE))
    return active.filter(last_active_on__lte=today - quiet_period())


@transaction.atomic
def mark_stalled_projects(today: date | None = None) -> int:
    """Stalls every active project quiet for a whole period up to `today` (by default, today),
    each with its timeline entry and history (no one's act, so no user); returns how many."""
    today = today or timezone.localdate()
    stalled = 0
    for project in quiet_projects(today).select_for_update(of=("self",)):
        # Its last activity stays in words on the stalled list (its status date is now the
        # day it stalled).
        project.last_activity_on = project.last_active_on
        project.status, project.status_since = ProjectStatus.STALLED, today
        project.save(update_fields=["status", "status_since", "last_activity_on", "updated_at"])
        StatusChange.objects.create(project=project, status=project.status, began_on=today)
        stalled += 1
    return stalled


def stalled_project_close(*, by: User, project: Project, completed_on: date | None = None):
    """Closes a stalled project: completed on `completed_on` when given, else stopped."""
    if completed_on:
        return project_update(
            by=by, project=project, status=ProjectStatus.COMPLETED, completed_on=completed_on
        )
    return project_update(by=by, project=project, status=ProjectStatus.STOPPED)


def stalled_project_reactivate(*, by: User, project: Project) -> Project:
    """Back to active from today, so not stalled again for a whole quiet period."""
    return project_update(by=by, project=project, status=ProjectStatus.ACTIVE)
