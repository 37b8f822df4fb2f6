"""What makes an activity record acceptable, worded for the person who has to fix it.

Forms, CSV rows and the services all ask `problems(...)`, so a page, an upload and an API call
refuse the same things with the same sentences. The database constraints hold the same lines
for anything that bypasses these (docs: regions/models/activity.py).
"""

from datetime import date

from core.wording import long_date
from regions.activity.kinds import CHAMPIONS, ENGAGEMENT, TRAINING, Kind
from regions.models import OrganisationEngagement, Region, TrainingType

EARLIEST = date(2010, 1, 1)  # the collaboratives' predecessors began recording in 2010
MOST = 100_000  # more in one record is a typing slip (and beyond it, a database overflow)

NUMBER_NAMES = {
    "people_trained": "number of people trained",
    "patients_trained": "number of patients or carers",
    "count": "number recruited",
}


def date_name(kind: Kind) -> str:
    """'date delivered', 'date first engaged', ...: the date field's name in a sentence."""
    return str(kind.model._meta.get_field(kind.date_field).verbose_name)


def problems(
    kind: Kind, values: dict, *, region: Region, pk: int | None, today: date
) -> dict[str, str]:
    """{field: sentence} for every rule the values break. Absent or None values are not
    judged: the field's own "enter the ..." message covers them."""
    found = {}
    day = values.get(kind.date_field)
    if day is not None:
        found.update(_date_problem(kind, day, today))
    for field, name in NUMBER_NAMES.items():
        if values.get(field) is not None and field in kind.fields:
            found.update(_number_problem(field, name, values[field], kind))
    if kind is TRAINING:
        found.update(_training_problems(values, found))
    if kind is ENGAGEMENT and values.get("organisation") is not None:
        found.update(_engaged_before(region, values["organisation"], pk))
    return found


def _date_problem(kind: Kind, day: date, today: date) -> dict[str, str]:
    name = date_name(kind)
    if day > today:
        return {kind.date_field: f"The {name} cannot be in the future"}
    if day < EARLIEST:
        return {kind.date_field: f"The {name} must be on or after {long_date(EARLIEST)}"}
    return {}


def _number_problem(field: str, name: str, value: int, kind: Kind) -> dict[str, str]:
    least = 1 if kind is CHAMPIONS else 0
    if value < least:
        return {field: f"The {name} must be {least} or more"}
    if value > MOST:
        return {field: f"The {name} must be {MOST:,} or fewer: split bigger numbers across records"}
    return {}


def _training_problems(values: dict, found: dict) -> dict[str, str]:
    result = {}
    training_type, level = values.get("training_type"), values.get("qi_level")
    if training_type == TrainingType.QI_CAPABILITY and level == "":
        result["qi_level"] = "Select the QI capability level: bronze, silver or gold"
    elif training_type and training_type != TrainingType.QI_CAPABILITY and level:
        result["qi_level"] = (
            "Only QI capability training has a level: leave the QI "
            "capability level blank, or choose QI capability as the "
            "training type"
        )
    people, patients = values.get("people_trained"), values.get("patients_trained")
    if (
        people is not None
        and patients is not None
        and not found.keys() & NUMBER_NAMES.keys()
        and patients > people
    ):
        result["patients_trained"] = (
            f"The number of patients or carers ({patients:,}) cannot be more than the number "
            f"of people trained ({people:,}), which includes them"
        )
    return result


def _engaged_before(region: Region, organisation, pk: int | None) -> dict[str, str]:
    earlier = (
        OrganisationEngagement.objects.filter(region=region, organisation=organisation)
        .exclude(pk=pk)
        .first()
    )
    if earlier is None:
        return {}
    return {
        "organisation": f"{region.name} already recorded {organisation.name} as engaged "
        f"from {long_date(earlier.first_engaged)}: an organisation is "
        f"engaged once, so change that record instead"
    }
