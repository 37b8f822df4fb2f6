"""What every batch endpoint shares: its flags, its CSV body and its answer."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.response import Response

from core.api import rejected_batch

FLAGS = [
    OpenApiParameter(
        "partial",
        bool,
        description="Save the valid rows and report the rejected ones (default: all or nothing).",
    ),
    OpenApiParameter("dry_run", bool, description="Check and count, saving nothing."),
]
CSV_BODY = {
    "type": "string",
    "description": "A header line naming the columns (measure, period, value, numerator, "
    "denominator; date and opportunities_since_previous for events), then one "
    "line per row. `index` in the answer counts data lines from 0.",
}


def flag(request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in ("true", "1", "yes")


def import_response(request, summary) -> Response:
    """200 with the summary; 400 (summary inside the error format) when rows were rejected and
    so nothing was saved."""
    body = summary.as_dict()
    if (
        summary.rejected
        and not summary.saved
        and not flag(request, "partial")
        and not flag(request, "dry_run")
    ):
        return rejected_batch(body)
    return Response(body, status=status.HTTP_200_OK)
