import django_filters
from django.db.models import Q

from core.api.fields import IdFilter
from regions.activity.kinds import Kind
from regions.models import Organisation, OrganisationType
from regions.validators import normalise_ods_code


class OrganisationFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__slug", help_text="A region's slug.")
    type = django_filters.ChoiceFilter(choices=OrganisationType.choices)
    ods_code = django_filters.CharFilter(method="by_ods_code", help_text="Exact, any case.")
    q = django_filters.CharFilter(method="search", help_text="Part of the name, or an ODS code.")

    class Meta:
        model = Organisation
        fields = ["region", "type", "ods_code", "q"]

    def by_ods_code(self, queryset, name, value):
        return queryset.filter(ods_code=normalise_ods_code(value))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(ods_code__iexact=value))


def activity_filter(kind: Kind) -> type[django_filters.FilterSet]:
    """?region=wessex&date_after=2016-04-01&date_before=2017-03-31 (on the kind's own date)."""
    attrs = {
        "region": django_filters.CharFilter(
            field_name="region__slug", help_text="A region's slug."
        ),
        "date_after": django_filters.DateFilter(field_name=kind.date_field, lookup_expr="gte"),
        "date_before": django_filters.DateFilter(field_name=kind.date_field, lookup_expr="lte"),
    }
    if "organisation" in kind.fields:
        attrs["organisation"] = IdFilter(field_name="organisation")
    meta = type("Meta", (), {"model": kind.model, "fields": list(attrs)})
    return type(
        f"{kind.model.__name__}Filter", (django_filters.FilterSet,), {**attrs, "Meta": meta}
    )
