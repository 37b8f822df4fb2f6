"""The dashboards' figures: which there are, their labels, and one scope's values as shown.

Views hand over flat figures ({metric: value}, as `reporting.rollups.read` returns them); every
number was stored by a rollup run, so nothing here makes a query.
"""

from dataclasses import dataclass

from regions.models import OrganisationType, TrainingType
from reporting.rollups.arithmetic import (
    ORGANISATION_GROUPS,
    SPREAD_COUNTS,
    SPREAD_ORGANISATIONS,
    STORY_COUNTS,
    TRAINING_TYPES,
)

ORGANISATION_LABELS = {
    "care_home": "Care homes",
    "primary_care": "Primary care",
    "provider": "Providers (NHS trusts)",
    "other": "Other organisations",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # in full: downloads and the breakdown tables
    short: str = ""  # the region table's header


FIGURES = (
    Column("projects_started", "QI projects started", "Projects started"),
    Column("projects_completed", "QI projects completed", "Projects completed"),
    Column("projects_active", "QI projects active at the end of the period", "Projects active"),
    # Not in the region table (its columns are the programme's headline figures).
    Column("projects_stalled", "QI projects stalled at the end of the period"),
    Column("people_trained", "People trained", "People trained"),
    *(
        Column(f"people_trained.{kind}", f"People trained: {TrainingType(kind).label}")
        for kind in TRAINING_TYPES
    ),
    Column("patients_trained", "Of whom patients and carers"),
    Column(
        "champions_recruited",
        "Patient safety champions, Q fellows and QI experts recruited",
        "Champions recruited",
    ),
    Column("organisations_engaged", "Organisations engaged", "Organisations engaged"),
    *(
        Column(f"organisations_engaged.{group}", f"Organisations engaged: {label}")
        for group, label in ORGANISATION_LABELS.items()
    ),
    Column("measures_improving", "Measures showing special cause improvement at period end"),
    Column("measures_concern", "Measures showing special cause concern at period end"),
    # Spreading what works (reporting/rollups/spread.py): not in the region table, which
    # keeps the programme's headline figures; the dashboards show them in a section of their own.
    Column("changes_published", "Changes published in the catalogue"),
    Column("changes_in_catalogue", "Changes in the catalogue at the end of the period"),
    Column(
        "organisations_adopting",
        "Organisations that began adopting a change (each once, however many changes)",
    ),
    *(
        Column(f"organisations_adopting.{kind}", f"Organisations that began adopting: {label}")
        for kind, label in OrganisationType.choices
    ),
    Column(
        "organisations_adopting_at_end",
        "Organisations adopting a change at the end of the period (each once)",
    ),
    *(
        Column(
            f"organisations_adopting_at_end.{kind}",
            f"Organisations adopting at the end of the period: {label}",
        )
        for kind, label in OrganisationType.choices
    ),
    Column("programmes_active", "Collaborative programmes active in the period"),
    Column("member_teams", "Teams in collaborative programmes in the period"),
    # Stories in the public archive (reporting/rollups/stories.py), in the same section.
    Column("stories_published", "Stories published in the archive (and not withdrawn)"),
    Column(
        "stories_in_archive",
        "Stories in the archive at the end of the period (withdrawn ones not counted)",
    ),
    Column("projects_from_stories", "Projects started from a story"),
)
TABLE_COLUMNS = tuple(column for column in FIGURES if column.short)
SORT_KEYS = ("region", *(column.key for column in TABLE_COLUMNS))

Values = dict[str, int | None]


def _count(value) -> int:
    return int(round(value or 0))


def scope_values(flat: dict[str, float], topic: str = "") -> Values:
    """One scope's figures as shown. Under a topic, projects come from the topic's metrics, and
    completions, which are not stored by topic, are None."""
    projects = (lambda metric: f"{metric}.topic.{topic}") if topic else (lambda metric: metric)
    values: Values = {
        "projects_started": _count(flat.get(projects("projects_started"))),
        "projects_completed": None if topic else _count(flat.get("projects_completed")),
        "projects_active": _count(flat.get(projects("projects_active"))),
        "projects_stalled": _count(flat.get(projects("projects_stalled"))),
        "people_trained": _count(flat.get("staff_trained.total")),
        "patients_trained": _count(flat.get("patients_trained")),
        "champions_recruited": _count(flat.get("champions_recruited.total")),
        "organisations_engaged": _count(flat.get("organisations_engaged.total")),
        "measures_improving": _count(flat.get("measures_improving")),
        "measures_concern": _count(flat.get("measures_concern")),
    }
    for kind in TRAINING_TYPES:
        values[f"people_trained.{kind}"] = _count(flat.get(f"staff_trained.{kind}"))
    for group in ORGANISATION_GROUPS:
        metric = f"organisations_engaged.{group}"
        values[metric] = _count(flat.get(metric))
    values.update(spread_values(flat))
    values.update({name: _count(flat.get(name)) for name in STORY_COUNTS})
    return values


def spread_values(flat: dict[str, float]) -> Values:
    """The spread figures as shown: counts, and organisations adopting in total and by type."""
    values: Values = {name: _count(flat.get(name)) for name in SPREAD_COUNTS}
    for name in SPREAD_ORGANISATIONS:
        values[name] = _count(flat.get(f"{name}.total"))
        for kind in OrganisationType.values:
            values[f"{name}.{kind}"] = _count(flat.get(f"{name}.type.{kind}"))
    return values


def shown(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"
