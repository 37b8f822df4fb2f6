"""Writes to activity records. Pages, CSV uploads, the API, admin actions and commands all call
these; each checks the access policy and the rules again, whoever calls it.

Records are saved one at a time with `.save()`/`.delete()`, so their history and the pending
rollup marks (reporting/rollups/triggers.py) are written in the same transaction.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.keywords import NOT_GIVEN, given
from regions import access
from regions.activity import rules
from regions.activity.kinds import (
    CHAMPIONS,
    CULTURE,
    ENGAGEMENT,
    TRAINING,
    Kind,
    kind_named,
    kind_of,
)
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    Region,
    TrainingRecord,
    User,
)


class RowRejected(Exception):
    """Row `index` of an import broke a rule; nothing of the import was saved."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(f"Row {index + 1}: {error}")
        self.index = index
        self.error = error


def check_may_write(by: User, region: Region) -> None:
    if not access.can_write_region_records(by, region):
        raise PermissionDenied(
            f"Only leads of {region.name} and national admins can add or change its activity "
            f"records."
        )


def _unknown(kind: Kind, fields: Iterable[str]) -> None:
    unknown = set(fields) - set(kind.fields)
    if unknown:
        raise TypeError(f"Unknown {kind.noun} fields: {', '.join(sorted(unknown))}")


# Set by the services from objects already checked, so not looked up again on every save.
TRUSTED = ["region", "created_by"]


def _validate(kind: Kind, record: models.Model) -> None:
    """The rules' sentences, then the model's own field checks.

    The rules say in words what the constraints say in SQL, and the database still enforces
    those, so the constraints are not also queried here (a query or three each, for each row of
    an upload).
    """
    errors: dict = {}
    try:
        record.clean_fields(exclude=TRUSTED)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    values = {name: getattr(record, name) for name in kind.fields if name not in errors}
    found = rules.problems(
        kind, values, region=record.region, pk=record.pk, today=timezone.localdate()
    )
    for field, message in found.items():
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)
    record.full_clean(exclude=TRUSTED, validate_constraints=False)


def _save(kind: Kind, record: models.Model, by: User) -> models.Model:
    record._history_user = by
    _validate(kind, record)
    record.save()
    return record


def _create(kind: Kind, by: User, region: Region, fields: dict) -> models.Model:
    _unknown(kind, fields)
    check_may_write(by, region)
    return _save(kind, kind.model(region=region, created_by=by, **fields), by)


# One function a kind: champion recruitments have a field called `kind`, so a generic
# `record_create(kind=...)` could not take it.


@transaction.atomic
def training_create(
    *,
    by: User,
    region: Region,
    date=NOT_GIVEN,
    course=NOT_GIVEN,
    training_type=NOT_GIVEN,
    qi_level=NOT_GIVEN,
    people_trained=NOT_GIVEN,
    patients_trained=NOT_GIVEN,
    organisation=NOT_GIVEN,
) -> TrainingRecord:
    return _create(TRAINING, by, region, given(locals(), leave_out=("by", "region")))


@transaction.atomic
def champions_create(
    *,
    by: User,
    region: Region,
    date=NOT_GIVEN,
    kind=NOT_GIVEN,
    count=NOT_GIVEN,
) -> ChampionRecruitment:
    return _create(CHAMPIONS, by, region, given(locals(), leave_out=("by", "region")))


@transaction.atomic
def engagement_create(
    *,
    by: User,
    region: Region,
    organisation=NOT_GIVEN,
    first_engaged=NOT_GIVEN,
    route=NOT_GIVEN,
) -> OrganisationEngagement:
    return _create(ENGAGEMENT, by, region, given(locals(), leave_out=("by", "region")))


@transaction.atomic
def culture_create(
    *,
    by: User,
    region: Region,
    team=NOT_GIVEN,
    organisation=NOT_GIVEN,
    date=NOT_GIVEN,
    tool=NOT_GIVEN,
) -> CultureAssessment:
    return _create(CULTURE, by, region, given(locals(), leave_out=("by", "region")))


CREATE = {
    TRAINING.slug: training_create,
    CHAMPIONS.slug: champions_create,
    ENGAGEMENT.slug: engagement_create,
    CULTURE.slug: culture_create,
}


def creator_for(kind: str | Kind) -> Callable[..., models.Model]:
    """The create service of a kind named in a URL or the API."""
    return CREATE[kind.slug if isinstance(kind, Kind) else kind_named(kind).slug]


def _stored_region(record: models.Model) -> Region:
    """The region the record is saved in, whatever the object in hand says."""
    return type(record).objects.select_related("region").get(pk=record.pk).region


@transaction.atomic
def record_update(*, by: User, record: models.Model, **fields) -> models.Model:
    """Changes the given fields. A record stays in its region."""
    kind = kind_of(record)
    _unknown(kind, fields)
    record.region = _stored_region(record)
    check_may_write(by, record.region)
    for name, value in fields.items():
        setattr(record, name, value)
    return _save(kind, record, by)


@transaction.atomic
def record_delete(*, by: User, record: models.Model) -> None:
    check_may_write(by, _stored_region(record))
    record._history_user = by
    record.delete()


@transaction.atomic
def records_import(
    *, by: User, kind: str | Kind, region: Region, rows: list[dict]
) -> list[models.Model]:
    """Adds every row or none: the first row that breaks a rule raises RowRejected and the
    transaction rolls back, taking the rows saved before it."""
    kind = kind if isinstance(kind, Kind) else kind_named(kind)
    check_may_write(by, region)
    saved = []
    for index, fields in enumerate(rows):
        try:
            saved.append(_create(kind, by, region, fields))
        except ValidationError as error:
            raise RowRejected(index, error) from error
    return saved
