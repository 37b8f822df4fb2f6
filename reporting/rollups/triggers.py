"""Marking rollups pending whenever a counted record changes, in the change's own transaction.

The apps below announce changes and this module listens; none of them imports reporting.
Activity records and projects are saved through the ORM, so Django's model signals announce
them (pages, API, admin and shell alike); measure readings are bulk-written, which skips model
signals, so measurement announces them with a signal of its own (measurement/events.py).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from measurement import events as measurement_events
from projects.models import Project
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    TrainingRecord,
)
from reporting.rollups import pending
from reporting.rollups.scheduling import schedule_incremental_run


def _run_after_commit(marked: bool) -> None:
    """An incremental run asked for once per transaction that marked anything, after commit."""
    if not marked:
        return
    connection = transaction.get_connection()
    if any(callback is schedule_incremental_run for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(schedule_incremental_run)


def mark_dates(scope: str, *days, through_today: bool = False) -> None:
    _run_after_commit(pending.mark_dates(scope, *days, through_today=through_today))


def mark_pending(scope: str, years) -> None:
    _run_after_commit(pending.mark_pending(scope, years))


DATE_FIELD = {
    TrainingRecord: "date",
    ChampionRecruitment: "date",
    CultureAssessment: "date",
    OrganisationEngagement: "first_engaged",
}


def _activity_saved(sender, instance, **kwargs):
    previous = getattr(instance, "_rollup_previous", None)
    if previous:
        mark_dates(previous[0], previous[1])
    mark_dates(instance.region.slug, getattr(instance, DATE_FIELD[sender]))


def _remember_previous(sender, instance, **kwargs):
    """Before a change, note where the record counted, so moving it re-counts both places."""
    if not instance.pk:
        return
    if sender is Project:
        old = Project.objects.filter(pk=instance.pk).select_related("lead_region").first()
        instance._rollup_previous = old and (old.lead_region.slug, old.start_date)
    else:
        old = sender.objects.filter(pk=instance.pk).select_related("region").first()
        instance._rollup_previous = old and (old.region.slug, getattr(old, DATE_FIELD[sender]))


def _project_changed(sender, instance, **kwargs):
    """A project counts in every year from its start to today (active at each period end)."""
    previous = getattr(instance, "_rollup_previous", None)
    if previous:
        mark_dates(previous[0], previous[1], through_today=True)
    mark_dates(instance.lead_region.slug, instance.start_date, through_today=True)


def _project_settings_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Project):
        mark_dates(instance.lead_region.slug, instance.start_date, through_today=True)


def _quarter_readings_changed(sender, years_by_region, **kwargs):
    pairs = {(region, year) for region, years in years_by_region.items() for year in years}
    _run_after_commit(pending.mark_pairs(pairs))  # one upsert, in (scope, year) order


def connect() -> None:
    measurement_events.quarter_readings_changed.connect(
        _quarter_readings_changed, dispatch_uid="rollup-quarter-readings"
    )
    for model in DATE_FIELD:
        pre_save.connect(_remember_previous, sender=model, dispatch_uid=f"rollup-pre-{model}")
        post_save.connect(_activity_saved, sender=model, dispatch_uid=f"rollup-save-{model}")
        post_delete.connect(_activity_saved, sender=model, dispatch_uid=f"rollup-del-{model}")
    pre_save.connect(_remember_previous, sender=Project, dispatch_uid="rollup-pre-project")
    post_save.connect(_project_changed, sender=Project, dispatch_uid="rollup-save-project")
    post_delete.connect(_project_changed, sender=Project, dispatch_uid="rollup-del-project")
    m2m_changed.connect(
        _project_settings_changed,
        sender=Project.care_settings.through,
        dispatch_uid="rollup-project-settings",
    )
