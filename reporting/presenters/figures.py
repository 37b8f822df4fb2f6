"""The dashboards' figures: which there are, their labels, and one scope's values as shown.

Views hand over flat figures ({metric: value}, as `reporting.rollups.read` returns them); every
number was stored by a rollup run, so nothing here makes a query.
"""

from dataclasses import dataclass

from regions.models import TrainingType
from reporting.rollups.arithmetic import ORGANISATION_GROUPS, TRAINING_TYPES

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
    return values


def shown(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"
