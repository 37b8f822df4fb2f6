"""Marking the story figures pending (reporting/rollups/stories.py) whenever a story, or a project
started from one, changes, in the change's own transaction, exactly as spread_triggers.py does
for the catalogue and adoptions: Django's model signals announce the saves and deletes (the
story services, the admin and the shell alike), and the marks enqueue one incremental run after
commit.

Each change marks its project's lead region and England from the story's first publication (or
the reuse's start) through today, before and after the change: a story stays in the archive
until it is withdrawn, so every later period's figures may move. A draft story has no date and
marks nothing. A project moved to another region marks both regions from its story's and its
reuse's dates, since they count where the project is led.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from learning.models import Story, StoryReuse
from projects.models import Project
from reporting.models import NATIONAL
from reporting.rollups import triggers


def _day(moment):
    return moment and timezone.localdate(moment)


def _mark(region: str | None, *moments) -> None:
    # A project being deleted takes its story and reuse first; its own delete marks its region.
    for scope in (region, NATIONAL) if region else ():
        triggers.mark_dates(scope, *(_day(moment) for moment in moments), through_today=True)


def _region_of(project_id) -> str | None:
    return Project.objects.filter(pk=project_id).values_list("lead_region__slug", flat=True).first()


def _counted(record) -> tuple:
    """(region, moment) where and from when a story or reuse counts."""
    moment = record.first_published_at if isinstance(record, Story) else record.started_at
    return _region_of(record.project_id), moment


def _remember_previous(sender, instance, **kwargs):
    """Before a change, where and from when the record counted, so a move re-counts both."""
    if not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._stories_previous = old and _counted(old)


def _changed(sender, instance, **kwargs):
    previous = getattr(instance, "_stories_previous", None)
    if previous:
        _mark(*previous)
    _mark(*_counted(instance))


def _remember_project_region(sender, instance, **kwargs):
    if instance.pk:
        instance._stories_previous_region = _region_of(instance.pk)


def _project_saved(sender, instance, **kwargs):
    """A project led elsewhere now: its story and the reuse it started from move with it."""
    previous = getattr(instance, "_stories_previous_region", None)
    current = instance.lead_region.slug
    if previous is None or previous == current:
        return
    moments = [
        *Story.objects.filter(project=instance).values_list("first_published_at", flat=True),
        *StoryReuse.objects.filter(project=instance).values_list("started_at", flat=True),
    ]
    for region in (previous, current):
        _mark(region, *moments)


def connect() -> None:
    for model in (Story, StoryReuse):
        pre_save.connect(_remember_previous, sender=model, dispatch_uid=f"stories-pre-{model}")
        post_save.connect(_changed, sender=model, dispatch_uid=f"stories-save-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"stories-del-{model}")
    pre_save.connect(_remember_project_region, sender=Project, dispatch_uid="stories-pre-project")
    post_save.connect(_project_saved, sender=Project, dispatch_uid="stories-save-project")
