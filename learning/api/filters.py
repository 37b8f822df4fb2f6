import django_filters
from django.db.models import Q

from core.api.fields import IdFilter
from learning.models import (
    Adoption,
    AdoptionStatus,
    ChangeEntry,
    EntryStatus,
    Programme,
    ProgrammeMethod,
    ProgrammeStatus,
)
from projects.models import Topic


def _once(queryset, condition):
    """A subquery, not a join, so each row appears once however many rows match."""
    return queryset.filter(id__in=queryset.filter(condition).values("id"))


class ProgrammeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProgrammeStatus.choices)
    topic = django_filters.ChoiceFilter(choices=Topic.choices)
    method = django_filters.ChoiceFilter(choices=ProgrammeMethod.choices)
    region = django_filters.CharFilter(
        method="led_by_region", help_text="A region's slug: programmes it leads."
    )
    is_national = django_filters.BooleanFilter()
    started_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Part of the name."
    )

    class Meta:
        model = Programme
        fields = [
            "status",
            "topic",
            "method",
            "region",
            "is_national",
            "started_after",
            "started_before",
            "q",
        ]

    def led_by_region(self, queryset, name, value):
        return _once(queryset, Q(lead_regions__slug=value))


class ChangeEntryFilter(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(choices=Topic.choices)
    status = django_filters.ChoiceFilter(choices=EntryStatus.choices)
    owner = django_filters.CharFilter(
        method="owned_by", help_text="The owning programme's or region's slug."
    )
    care_setting = django_filters.CharFilter(
        method="in_care_setting", help_text="A care setting's slug."
    )
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", help_text="Part of the name."
    )

    class Meta:
        model = ChangeEntry
        fields = ["topic", "status", "owner", "care_setting", "q"]

    def owned_by(self, queryset, name, value):
        return queryset.filter(Q(owner_programme__slug=value) | Q(owner_region__slug=value))

    def in_care_setting(self, queryset, name, value):
        return _once(queryset, Q(care_settings__slug=value))


class AdoptionFilter(django_filters.FilterSet):
    change = django_filters.CharFilter(field_name="entry__slug", help_text="The entry's slug.")
    programme = django_filters.CharFilter(
        method="of_programme",
        help_text="A programme's slug: adoptions of its package or of any entry in it.",
    )
    organisation = IdFilter(field_name="organisation")
    region = django_filters.CharFilter(
        field_name="organisation__region__slug", help_text="The organisation's region (slug)."
    )
    status = django_filters.ChoiceFilter(choices=AdoptionStatus.choices)
    adopted_after = django_filters.DateFilter(field_name="adopted_on", lookup_expr="gte")
    adopted_before = django_filters.DateFilter(field_name="adopted_on", lookup_expr="lte")

    class Meta:
        model = Adoption
        fields = [
            "change",
            "programme",
            "organisation",
            "region",
            "status",
            "adopted_after",
            "adopted_before",
        ]

    def of_programme(self, queryset, name, value):
        return _once(
            queryset, Q(package_of__slug=value) | Q(entry__package_items__programme__slug=value)
        )
