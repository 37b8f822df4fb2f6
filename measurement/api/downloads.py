"""A measure's data as a file: GET /api/v1/measures/{id}/data.csv/ and data.xlsx/, the same
files as the measure page's download links (measurement/downloads.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.renderers import JSONRenderer

from measurement import access
from measurement.downloads import CONTENT_TYPES, download_response

DESCRIPTION = (
    "One row per period (or event) in order: the value (with numerator and denominator for "
    "proportions and rates), the phase with its start and reason, the chart's centre line and "
    "limits at that point, its signals in words and the notes on it. The XLSX file adds sheets "
    "with the measure's definition, unit, chart and rules, its phases and its notes. Text cells "
    "that a spreadsheet would run as a formula start with an apostrophe in the CSV."
)


class _MeasureDataFile(generics.GenericAPIView):
    file_format = "csv"
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        return access.measures_visible_to(self.request.user).select_related("project")

    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSONRenderer.media_type  # a file on success; errors in JSON

    def get(self, request, pk=None):
        return download_response(self.get_object(), self.file_format)


class MeasureDataCsv(_MeasureDataFile):
    file_format = "csv"

    @extend_schema(
        summary="A measure's data, phases and notes as CSV",
        operation_id="measures_data_csv",
        description=DESCRIPTION,
        responses={(200, CONTENT_TYPES["csv"].split(";")[0]): OpenApiTypes.BINARY},
    )
    def get(self, request, pk=None):
        return super().get(request, pk)


class MeasureDataXlsx(_MeasureDataFile):
    file_format = "xlsx"

    @extend_schema(
        summary="A measure's data, phases and notes as XLSX",
        operation_id="measures_data_xlsx",
        description=DESCRIPTION,
        responses={(200, CONTENT_TYPES["xlsx"]): OpenApiTypes.BINARY},
    )
    def get(self, request, pk=None):
        return super().get(request, pk)
