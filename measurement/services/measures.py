from django.core.exceptions import ValidationError
from django.db import transaction

from core.keywords import NOT_GIVEN, given
from measurement import spc
from measurement.models import Measure, StandardMeasure
from measurement.services.permissions import check_may_edit_measures
from measurement.services.refresh import measures_changed
from projects.models import Project
from regions.models import User

ADOPTED_FIELDS = (
    "name",
    "kind",
    "definition",
    "inclusions",
    "exclusions",
    "data_source",
    "data_type",
    "chart",
    "rules",
    "improvement",
    "unit",
    "multiplier",
)


def with_defaults(values: dict) -> dict:
    """Fills the chart and rule set a measure's data type suits, when not chosen."""
    values = dict(values)
    if not values.get("chart") and values.get("data_type") in spc.CHARTS_FOR_DATA_TYPE:
        values["chart"] = spc.default_chart(values["data_type"])
    if not values.get("rules") and values.get("chart") in spc.RULES_FOR_CHART:
        values["rules"] = spc.default_rules(values["chart"])
    return values


def shown_as_percentages(values: dict) -> dict:
    """A new proportion is read as a percentage (a target of 90%, not 0.9) unless the team
    set its display unit or multiplier."""
    if values.get("data_type") != "proportion" or values.get("unit"):
        return values
    if values.get("multiplier", 1) not in (None, 1):
        return values
    return {**values, "unit": "%", "multiplier": 100}


def _check_nodes_belong(measure: Measure) -> None:
    owners = {
        "primary_driver": measure.primary_driver and measure.primary_driver.project_id,
        "secondary_driver": measure.secondary_driver
        and measure.secondary_driver.primary_driver.project_id,
        "change_idea": measure.change_idea and measure.change_idea.project_id,
    }
    for field, project_id in owners.items():
        if project_id and project_id != measure.project_id:
            raise ValidationError({field: "Choose a node of this project's driver diagram"})


@transaction.atomic
def measure_create(
    *,
    by: User,
    project: Project,
    name=NOT_GIVEN,
    kind=NOT_GIVEN,
    definition=NOT_GIVEN,
    inclusions=NOT_GIVEN,
    exclusions=NOT_GIVEN,
    data_source=NOT_GIVEN,
    data_type=NOT_GIVEN,
    chart=NOT_GIVEN,
    rules=NOT_GIVEN,
    improvement=NOT_GIVEN,
    target=NOT_GIVEN,
    frequency=NOT_GIVEN,
    screen_moving_ranges=NOT_GIVEN,
    baseline_points=NOT_GIVEN,
    unit=NOT_GIVEN,
    multiplier=NOT_GIVEN,
    allow_decimals=NOT_GIVEN,
    primary_driver=NOT_GIVEN,
    secondary_driver=NOT_GIVEN,
    change_idea=NOT_GIVEN,
    standard=NOT_GIVEN,
) -> Measure:
    values = given(locals(), leave_out=("by", "project"))
    check_may_edit_measures(by, project)
    measure = Measure(project=project, created_by=by, **shown_as_percentages(with_defaults(values)))
    measure._history_user = by
    _check_nodes_belong(measure)
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def measure_adopt(*, by: User, project: Project, standard: StandardMeasure) -> Measure:
    """A project measure that copies a national standard's definition and chart."""
    adopted = {field: getattr(standard, field) for field in ADOPTED_FIELDS}
    return measure_create(by=by, project=project, standard=standard, **adopted)


@transaction.atomic
def measure_update(
    *,
    by: User,
    measure: Measure,
    name=NOT_GIVEN,
    kind=NOT_GIVEN,
    definition=NOT_GIVEN,
    inclusions=NOT_GIVEN,
    exclusions=NOT_GIVEN,
    data_source=NOT_GIVEN,
    data_type=NOT_GIVEN,
    chart=NOT_GIVEN,
    rules=NOT_GIVEN,
    improvement=NOT_GIVEN,
    target=NOT_GIVEN,
    frequency=NOT_GIVEN,
    screen_moving_ranges=NOT_GIVEN,
    baseline_points=NOT_GIVEN,
    unit=NOT_GIVEN,
    multiplier=NOT_GIVEN,
    allow_decimals=NOT_GIVEN,
    primary_driver=NOT_GIVEN,
    secondary_driver=NOT_GIVEN,
    change_idea=NOT_GIVEN,
    standard=NOT_GIVEN,
) -> Measure:
    changes = given(locals(), leave_out=("by", "measure"))
    check_may_edit_measures(by, measure.project)
    for name, value in changes.items():
        setattr(measure, name, value)
    measure._history_user = by
    _check_nodes_belong(measure)
    measure.full_clean()
    measure.save()
    measures_changed({measure.pk: None})
    measure.refresh_from_db()
    return measure


def has_data(measure: Measure) -> bool:
    """Whether any value or event is stored: then its data type can no longer change."""
    return measure.data_points.exists() or measure.events.exists()
