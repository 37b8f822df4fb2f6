import django_filters

from core.api.fields import IdFilter
from measurement.models import Chart, DataPoint, DataType, Measure, MeasureKind


class MeasureFilter(django_filters.FilterSet):
    project = IdFilter(field_name="project")
    region = django_filters.CharFilter(
        field_name="project__lead_region__slug", help_text="The project's lead region (slug)."
    )
    kind = django_filters.ChoiceFilter(choices=MeasureKind.choices)
    data_type = django_filters.ChoiceFilter(choices=DataType.choices)
    chart = django_filters.ChoiceFilter(choices=Chart.choices)
    variation = django_filters.CharFilter(help_text="e.g. special_cause_improvement.")

    class Meta:
        model = Measure
        fields = ["project", "region", "kind", "data_type", "chart", "variation"]


class DataPointFilter(django_filters.FilterSet):
    measure = IdFilter(field_name="measure")
    project = IdFilter(field_name="measure__project")
    period_after = django_filters.DateFilter(field_name="period", lookup_expr="gte")
    period_before = django_filters.DateFilter(field_name="period", lookup_expr="lte")

    class Meta:
        model = DataPoint
        fields = ["measure", "project", "period_after", "period_before"]
