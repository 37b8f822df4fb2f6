"""Filters of the story lists: the signed-in one (every status) and the public archive's."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from learning.impacts import LEVEL, RATE
from learning.models import Story, StoryStatus
from learning.presenters.archive_list import completed_or_started_in
from learning.presenters.impacts import impacts_by_measure
from projects.models import Topic


def _of_region(queryset, name, value):
    """Stories of projects a region leads or takes part in, each once."""
    matching = queryset.filter(
        Q(project__lead_region__slug=value) | Q(project__participating_regions__slug=value)
    )
    return queryset.filter(id__in=matching.values("id"))


@extend_schema_field(OpenApiTypes.STR)
class FinancialYearFilter(django_filters.Filter):
    field_class = forms.RegexField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("regex", r"^\d{4}-\d{2}$")
        kwargs.setdefault("error_messages", {"invalid": "Enter a financial year like 2016-17"})
        super().__init__(*args, **kwargs)


class StoryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=StoryStatus.choices)
    region = django_filters.CharFilter(
        method="of_region", help_text="A region's slug: stories of projects it leads or joins."
    )

    class Meta:
        model = Story
        fields = ["status", "region"]

    def of_region(self, queryset, name, value):
        return _of_region(queryset, name, value)


class PublicStoryFilter(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(field_name="project__topic", choices=Topic.choices)
    region = django_filters.CharFilter(
        method="of_region", help_text="A region's slug: stories of projects it leads or joins."
    )
    year = FinancialYearFilter(
        method="completed_or_started_in",
        help_text="A financial year, e.g. 2016-17: as the archive's filter, stories of projects "
        "completed in it, or started in it if not completed yet.",
    )

    improvement = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="showed_improvement",
        help_text="true: stories with a published chart whose level (or rate of events) moved "
        "the way its measure improves; false: the others.",
    )

    class Meta:
        model = Story
        fields = ["topic", "region", "year", "improvement"]

    def of_region(self, queryset, name, value):
        return _of_region(queryset, name, value)

    def completed_or_started_in(self, queryset, name, value):
        return queryset.filter(completed_or_started_in(value))

    def showed_improvement(self, queryset, name, value):
        ids = improved_story_ids(queryset)
        return queryset.filter(pk__in=ids) if value == "true" else queryset.exclude(pk__in=ids)


def improved_story_ids(stories) -> set[int]:
    """The stories with a published chart that shows an improvement (its impacts, cached)."""
    stories = list(stories.prefetch_related("published_measures__project"))
    measures = [measure for story in stories for measure in story.published_measures.all()]
    by_measure = impacts_by_measure(measures)
    return {
        story.pk
        for story in stories
        for measure in story.published_measures.all()
        if any(improved(measure, impact) for impact in by_measure[measure.pk])
    }


def improved(measure, impact) -> bool:
    """A level or a rate of events that moved the way the measure improves."""
    if impact.kind not in (LEVEL, RATE) or impact.before is None or impact.after is None:
        return False
    if measure.improvement not in ("increase", "decrease") or impact.before == impact.after:
        return False
    return (impact.after > impact.before) == (measure.improvement == "increase")
