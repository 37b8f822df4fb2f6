"""Writes to regions and organisations. Pages, API, admin actions and commands all call these."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.keywords import NOT_GIVEN, given
from regions import access
from regions.models import Organisation, Region, User


def _check_may_write(by: User, region: Region) -> None:
    if not access.can_write_region_records(by, region):
        raise PermissionDenied(f"You cannot change organisations in {region.name}.")


@transaction.atomic
def organisation_create(
    *, by: User, name: str, type: str, region: Region, ods_code: str = ""
) -> Organisation:
    _check_may_write(by, region)
    organisation = Organisation(name=name, type=type, region=region, ods_code=ods_code)
    organisation._history_user = by
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    by: User,
    organisation: Organisation,
    name=NOT_GIVEN,
    ods_code=NOT_GIVEN,
    type=NOT_GIVEN,
    region=NOT_GIVEN,
) -> Organisation:
    """Changes the given fields; moving an organisation needs write access to both regions."""
    changes = given(locals(), leave_out=("by", "organisation"))
    _check_may_write(by, Organisation.objects.get(pk=organisation.pk).region)
    for field, value in changes.items():
        setattr(organisation, field, value)
    _check_may_write(by, organisation.region)
    organisation._history_user = by
    organisation.full_clean()
    organisation.save()
    return organisation
