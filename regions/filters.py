import django_filters
from django.db.models import Q

from regions.models import Organisation, OrganisationType, Region


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or ODS code")
    type = django_filters.ChoiceFilter(
        choices=OrganisationType.choices, empty_label="All types", label="Type"
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label="All regions",
        label="Home region",
    )

    class Meta:
        model = Organisation
        fields = ["q", "type", "region"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(ods_code__iexact=value))
