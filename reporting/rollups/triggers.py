"""Marking rollups pending whenever a counted record changes, in the change's own transaction.

Saves and deletes reach here through Django's model signals (pages, API, admin and shell alike).
Bulk writes skip signals, so the services that bulk-write (measure data) mark explicitly.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from projects.models import Project
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    TrainingRecord,
)
from reporting.rollups.pending import mark_dates

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


def connect() -> None:
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
