"""The Making Data Count summary's rows: the measures the caller may see, each with its latest
value, target, variation and assurance in words, filtered and sorted as the page
(/dashboards/measures/) and paginated. The same rows as the page and its downloads."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.generics import ListAPIView

from core.api.filtering import UpdatedSinceFilter
from core.api.views import ApiView
from reporting.mdc_summary import ASSURANCES, VARIATIONS, summary_rows
from reporting.mdc_summary.filters import SummaryFilterForm, filtered_measures, sort_of
from reporting.mdc_summary.matrix import token
from reporting.mdc_summary.sorting import BY_KEY, read_sort, sort_rows


class SummaryRowSerializer(serializers.Serializer):
    measure_id = serializers.IntegerField()
    measure_name = serializers.CharField()
    project_id = serializers.IntegerField()
    project_title = serializers.CharField()
    region_name = serializers.CharField(help_text="The region that leads the project.")
    region_slug = serializers.CharField()
    topic = serializers.CharField(help_text="The project's topic, e.g. `falls`.")
    unit = serializers.CharField()
    latest_value = serializers.FloatField(
        allow_null=True,
        help_text="The latest plotted value in display units (a proportion shown in % as 90, "
        "not 0.9); null before any data.",
    )
    latest_value_text = serializers.CharField(help_text="As the page shows it, e.g. `90.0%`.")
    latest_period = serializers.DateField(
        allow_null=True, help_text="The latest period (or event date) with a value."
    )
    target = serializers.FloatField(allow_null=True, help_text="In display units too.")
    target_text = serializers.CharField()
    variation = serializers.CharField(
        help_text="The Making Data Count variation code; empty: not enough data yet."
    )
    variation_words = serializers.CharField()
    assurance = serializers.CharField(help_text="The assurance code; empty: not assessed.")
    assurance_words = serializers.CharField()
    concern = serializers.BooleanField(
        help_text="Special cause concern, or the target consistently missed."
    )


def _choices(pairs) -> str:
    return "; ".join(f"`{token(code)}`: {words}" for code, words in pairs)


PARAMETERS = [
    OpenApiParameter("region", str, description="A region's slug: the projects it leads."),
    OpenApiParameter("programme", str, description="A programme's slug: its member teams."),
    OpenApiParameter(
        "organisation", str, description="An organisation's ODS code, or words of its name."
    ),
    OpenApiParameter("topic", str, description="A project topic, e.g. `falls`."),
    OpenApiParameter("variation", str, description=_choices(VARIATIONS)),
    OpenApiParameter("assurance", str, description=_choices(ASSURANCES)),
]


class ColumnOrdering(BaseFilterBackend):
    """?ordering=column or -column, the page's sort: the rows are sorted once read (icons in
    the matrix's order, blanks last), so the queryset is left as it is here."""

    def filter_queryset(self, request, queryset, view):
        return queryset

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "ordering",
                "in": "query",
                "required": False,
                "description": "A column, `-` first for descending: "
                + ", ".join(BY_KEY)
                + ". By default variation, concern first; blanks always last. The page's "
                "`sort` is accepted too.",
                "schema": {"type": "string", "enum": [*BY_KEY, *(f"-{key}" for key in BY_KEY)]},
            }
        ]


@extend_schema_view(
    get=extend_schema(
        summary="The Making Data Count summary of every measure",
        description=__doc__,
        parameters=PARAMETERS,
        tags=["metrics"],
    )
)
class MdcSummaryView(ApiView, ListAPIView):
    serializer_class = SummaryRowSerializer
    filter_backends = [UpdatedSinceFilter, ColumnOrdering]
    reads_from_replica = True

    def _form(self) -> SummaryFilterForm:
        params = self.request.query_params.copy()
        if params.get("ordering"):
            params["sort"] = params["ordering"]
        sort = params.get("sort", "")
        if sort and read_sort(sort) != sort:
            raise ValidationError({"ordering": [f"Sort by one of {', '.join(BY_KEY)}"]})
        form = SummaryFilterForm(params, user=self.request.user)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return form

    def get_queryset(self):
        self.chosen = self._form().chosen()
        return filtered_measures(self.request.user, self.chosen)

    def list(self, request, *args, **kwargs):
        measures = self.filter_queryset(self.get_queryset())
        rows = sort_rows(summary_rows(measures), sort_of(self.chosen))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
