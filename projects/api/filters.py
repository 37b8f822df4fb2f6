import django_filters
from django.db.models import Q

from core.api.fields import IdFilter
from projects.models import PDSACycle, PDSAStatus, Project, ProjectStatus, Topic


class ProjectFilter(django_filters.FilterSet):
    lead_region = django_filters.CharFilter(
        field_name="lead_region__slug", help_text="The lead region's slug."
    )
    region = django_filters.CharFilter(
        method="in_region", help_text="A region's slug: projects it leads or joins."
    )
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices)
    topic = django_filters.ChoiceFilter(choices=Topic.choices)
    started_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", help_text="Part of the title."
    )

    class Meta:
        model = Project
        fields = [
            "lead_region",
            "region",
            "status",
            "topic",
            "started_after",
            "started_before",
            "q",
        ]

    def in_region(self, queryset, name, value):
        # A subquery, not a join, so a project appears once however it takes part.
        ids = queryset.filter(
            Q(lead_region__slug=value) | Q(participating_regions__slug=value)
        ).values("id")
        return queryset.filter(id__in=ids)


class NodeFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project")


class SecondaryDriverFilter(django_filters.FilterSet):
    project = IdFilter(field_name="primary_driver__project")
    primary_driver = IdFilter(field_name="primary_driver")


class ChangeIdeaFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project")
    secondary_driver = IdFilter(field_name="secondary_drivers")


class PDSACycleFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project")
    change_idea = IdFilter(field_name="change_idea")
    status = django_filters.ChoiceFilter(choices=PDSAStatus.choices)
    started_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = PDSACycle
        fields = ["project", "change_idea", "status", "started_after", "started_before"]
