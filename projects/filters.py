"""The portfolio's and the change idea search's filters (FilterSets only; the queries they
use are in projects/selectors.py)."""

from datetime import date

import django_filters
from django.db.models import Q
from django.utils import timezone

from core.fiscal import financial_year, financial_year_start
from projects.models import CareSetting, ChangeIdea, Project, ProjectStatus, Topic
from projects.selectors import (
    DEFAULT_SORT,
    IN_SETTING,
    SORTS,
    WITH_ORGANISATION,
    in_regions,
    organisations_named,
    project_ids,
    region_q,
    sorted_projects,
)
from regions import access as regions_access
from regions.models import Region

# The collaboratives began work in 2014-15; planned projects may start next year.
FIRST_PROGRAMME_YEAR = 2014


def financial_year_choices() -> list[tuple[str, str]]:
    latest = financial_year_start(timezone.localdate()) + 1
    starts = range(latest, FIRST_PROGRAMME_YEAR - 1, -1)
    return [(financial_year(date(start, 4, 1)),) * 2 for start in starts]


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Search", help_text="Words in the title, summary or aim"
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="in_region",
        empty_label="All regions",
        label="Region",
        help_text="Leading or taking part",
    )
    topic = django_filters.ChoiceFilter(choices=Topic.choices, empty_label="All topics")
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, empty_label="All statuses")
    setting = django_filters.ModelChoiceFilter(
        queryset=CareSetting.objects.all(),
        to_field_name="slug",
        method="in_setting",
        empty_label="All care settings",
        label="Care setting",
    )
    financial_year = django_filters.ChoiceFilter(
        field_name="start_financial_year",
        choices=financial_year_choices,
        empty_label="Any year",
        label="Financial year started",
    )
    # Typed, not chosen from a list: thousands of organisations made the page slow and the
    # list unusable. The page suggests matches as you type (organisation_suggestions).
    organisation = django_filters.CharFilter(
        method="with_organisation",
        label="Organisation name or ODS code",
        help_text="For example, Southampton or RHM",
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="keep_order",
        empty_label=None,
        label="Sort by",
    )

    class Meta:
        model = Project
        fields = ["q", "region", "topic", "status", "setting", "financial_year", "organisation"]

    def filter_queryset(self, queryset):
        # Sorting comes last so that it holds whatever the filters did.
        queryset = super().filter_queryset(queryset)
        return sorted_projects(queryset, self.form.cleaned_data.get("sort") or DEFAULT_SORT)

    def keep_order(self, queryset, name, value):
        """`sort` only validates the choice; `filter_queryset` applies it, default included."""
        return queryset

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(aim_what__icontains=word)
                | Q(aim_for_whom__icontains=word)
                | Q(aim_how_much__icontains=word)
                | Q(aim_text__icontains=word)
            )
        return queryset

    def in_region(self, queryset, name, value):
        return in_regions(queryset, [value.pk])

    def in_setting(self, queryset, name, value):
        return queryset.filter(id__in=project_ids(IN_SETTING, caresetting_id=value.pk))

    def with_organisation(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        organisations = organisations_named(regions_access.organisations_visible_to(user), value)
        return queryset.filter(
            id__in=project_ids(WITH_ORGANISATION, organisation_id__in=organisations.values("id"))
        )


class ChangeIdeaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Change idea",
        help_text="Words in the change idea or its description",
    )
    topic = django_filters.ChoiceFilter(
        field_name="project__topic",
        choices=Topic.choices,
        empty_label="All topics",
        label="Project topic",
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="in_region",
        empty_label="All regions",
        label="Region",
        help_text="Leading or taking part",
    )

    class Meta:
        model = ChangeIdea
        fields = ["q", "topic", "region"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(text__icontains=word) | Q(description__icontains=word))
        return queryset

    def in_region(self, queryset, name, value):
        return queryset.filter(region_q([value.pk], prefix="project__"))
