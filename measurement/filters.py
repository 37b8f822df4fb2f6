"""How the national measure library is searched, counted and its adoptions filtered.

Counts and filters on many-to-many relations follow `projects.filters`: subqueries by id rather
than joins, so a project in several regions or settings appears once and page counts stay right.
Every function takes querysets already scoped by `regions.access` and narrows them.
"""

import django_filters
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from measurement.models import Measure, StandardMeasure
from measurement.readings import VARIATION_NAMES
from measurement.spc.codes import Variation
from projects.models import CareSetting, Project
from projects.selectors import IN_SETTING, region_q
from regions.models import Region


class StandardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search the library",
        help_text="Words in the measure's name, like falls or NEWS",
    )

    class Meta:
        model = StandardMeasure
        fields = ["q"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(name__icontains=word)
        return queryset


def with_adoption_counts(
    standards: QuerySet[StandardMeasure], measures: QuerySet[Measure]
) -> QuerySet[StandardMeasure]:
    """Adopting projects, and how many show special-cause improvement or concern now, in the
    same query as the standards; `measures` are those the user may see."""
    seen = Q(adoptions__in=measures)

    def projects(**lookup):
        return Count("adoptions__project", distinct=True, filter=seen & Q(**lookup))

    return standards.annotate(
        adopting=projects(),
        improving=projects(adoptions__variation=Variation.IMPROVEMENT),
        concerning=projects(adoptions__variation=Variation.CONCERN),
    ).order_by(Lower("name"), "id")


def adoptions_of(standard: StandardMeasure, measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """The measures adopting `standard`, with what a small multiple shows, in one query."""
    return (
        measures.filter(standard=standard)
        .select_related("project__lead_region")
        .only(
            "id",
            "name",
            "variation",
            "assurance",
            "data_version",
            "project__id",
            "project__title",
            "project__lead_region__name",
        )
        .order_by(Lower("project__title"), Lower("name"), "id")
    )


def variation_counts(adoptions: QuerySet[Measure]) -> dict:
    """How many of the (filtered) adoptions show improvement or concern now: one query."""
    return adoptions.aggregate(
        total=Count("id"),
        improving=Count("id", filter=Q(variation=Variation.IMPROVEMENT)),
        concerning=Count("id", filter=Q(variation=Variation.CONCERN)),
    )


def adoptable_projects(projects: QuerySet[Project], standard: StandardMeasure):
    """Projects the user may edit, each marked if it already uses `standard`."""
    using = Measure.objects.filter(project_id=OuterRef("pk"), standard=standard)
    return (
        projects.select_related("lead_region")
        .only("id", "title", "lead_region__name")
        .annotate(uses_standard=Exists(using))
        .order_by(Lower("title"), "id")
    )


class AdoptionFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="in_region",
        empty_label="All regions",
        label="Region leading or taking part",
    )
    setting = django_filters.ModelChoiceFilter(
        queryset=CareSetting.objects.all(),
        to_field_name="slug",
        method="in_setting",
        empty_label="All care settings",
        label="Care setting",
    )
    variation = django_filters.ChoiceFilter(
        choices=[(code, name) for code, name in VARIATION_NAMES.items() if code],
        empty_label="Any variation",
        label="Variation now",
    )

    class Meta:
        model = Measure
        fields = ["region", "setting", "variation"]

    def in_region(self, queryset, name, value):
        return queryset.filter(region_q([value.pk], prefix="project__"))

    def in_setting(self, queryset, name, value):
        in_setting = IN_SETTING.objects.filter(caresetting_id=value.pk).values("project_id")
        return queryset.filter(project_id__in=in_setting)
