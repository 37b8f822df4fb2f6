"""A project's change log: who changed what, when, with old and new values.

django-simple-history keeps one historical row per save. Reading each row's predecessor one by one
would be a query per row, so this module loads each model's rows for the project at once and
compares neighbours in Python.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models

from core.wording import long_date
from projects.models import (
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectMember,
    SecondaryDriver,
)
from regions.models import User

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
SKIPPED = {"id", "created_at", "updated_at", "position", "project", "created_by"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    action: str
    fields: list[FieldChange] = field(default_factory=list)
    # What the timeline's sentences need: the kind of thing ("PDSA cycle") and its own name
    # ("Pain score at triage: cycle 3", never the history row's "… as of <timestamp>").
    kind: str = ""
    name: str = ""


def _sources(project: Project) -> list[tuple[str, models.QuerySet]]:
    primary_ids = PrimaryDriver.history.filter(project_id=project.pk).values("id")
    return [
        ("Project", Project.history.filter(id=project.pk)),
        ("Primary driver", PrimaryDriver.history.filter(project_id=project.pk)),
        ("Secondary driver", SecondaryDriver.history.filter(primary_driver_id__in=primary_ids)),
        ("Change idea", ChangeIdea.history.filter(project_id=project.pk)),
        ("PDSA cycle", PDSACycle.history.filter(project_id=project.pk)),
        ("Team member", ProjectMember.history.filter(project_id=project.pk)),
    ]


def _tracked_fields(historical_model) -> list[models.Field]:
    """The recorded fields of a historical model, less bookkeeping."""
    return [
        f
        for f in historical_model._meta.concrete_fields
        if f.name not in SKIPPED and not f.name.startswith("history_")
    ]


def _display(record, model_field: models.Field, names: dict) -> str:
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value}")
    if isinstance(value, date) and not isinstance(value, datetime):
        return long_date(value)
    return str(value)


def _related_names(model, records) -> dict:
    """One query per related model: the names of every object the rows point at."""
    names = {}
    for model_field in _tracked_fields(model):
        if model_field.is_relation:
            ids = {getattr(r, model_field.attname) for r in records} - {None}
            for pk, obj in model_field.related_model._default_manager.in_bulk(ids).items():
                names[(model_field.related_model, pk)] = str(obj)
    return names


def changes_for(label: str, queryset) -> list[Change]:
    """Each version in `queryset` (a simple_history table) as a Change from the one before it;
    shared with the catalogue's history page (learning)."""
    model = queryset.model
    records = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
    names = _related_names(model, records)
    previous_by_object = {}
    changes = []
    for record in records:
        previous = previous_by_object.get(record.id)
        changes.append(_change(label, model, record, previous, names))
        previous_by_object[record.id] = record
    return changes


def _object_name(record, names: dict) -> str:
    """The object's own name from the history row, without a query: its title, text or name,
    or (a team member) the person's."""
    for attr in ("title", "text", "name"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    person = names.get((User, getattr(record, "user_id", None)))
    return person or str(record.instance)


def _change(label, model, record, previous, names) -> Change:
    fields = []
    for model_field in _tracked_fields(model):
        new = _display(record, model_field, names)
        old = _display(previous, model_field, names) if previous else "–"
        if record.history_type == "~" and old == new:
            continue
        if record.history_type != "-" and (previous or new != "–"):
            fields.append(FieldChange(str(model_field.verbose_name).capitalize(), old, new))
    name = _object_name(record, names)
    return Change(
        when=record.history_date,
        who=str(record.history_user) if record.history_user else "System",
        what=f"{label} “{name}”" if label != "Project" else "Project record",
        action=ACTIONS[record.history_type],
        fields=fields,
        kind=label,
        name=name,
    )


def project_changes(project: Project, limit: int | None = None) -> list[Change]:
    """Every recorded change to the project and its parts, newest first."""
    changes = [c for label, qs in _sources(project) for c in changes_for(label, qs)]
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:limit] if limit else changes
