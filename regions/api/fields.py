"""How the API names regions (by slug) and organisations (by id or ODS code)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import MAX_ID, Scoped, ScopedSlugField, queryable
from regions import access
from regions.validators import normalise_ods_code


def region_field(**kwargs) -> ScopedSlugField:
    return ScopedSlugField(scope=access.regions_visible_to, noun="region", **kwargs)


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string"}],
        "description": "An organisation: its id (a number) or its ODS code (a string, e.g. RHM).",
    }
)
class OrganisationField(Scoped, serializers.RelatedField):
    default_error_messages = {
        "does_not_exist": "There is no organisation with the {what} {value}",
        "incorrect_type": "Give the organisation's id (a number) or ODS code (a string)",
    }

    def __init__(self, **kwargs):
        super().__init__(scope=access.organisations_visible_to, **kwargs)

    def to_internal_value(self, data):
        organisations = self.get_queryset()
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type")
        if isinstance(data, int):
            found = organisations.filter(pk=data).first() if 0 < data <= MAX_ID else None
            what, value = "id", data
        else:
            value = normalise_ods_code(data)
            found = (
                organisations.filter(ods_code=value).first() if value and queryable(value) else None
            )
            what = "ODS code"
        if found is None:
            self.fail("does_not_exist", what=what, value=value)
        return found

    def to_representation(self, value):
        return value.pk
