"""The adoption batch's body, flags and answer: the data points' contract (measurement.api),
with rows named `adoptions.3.status` in errors."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api.errors import error_body
from core.api.fields import queryable
from core.api.schema import ErrorSerializer
from learning.adoption_rows import MAX_ROWS
from learning.models import AdoptionSource, AdoptionStatus
from measurement.api.imports import FLAGS, flag
from measurement.api.serializers import RowsField

__all__ = ["FLAGS", "flag"]
CSV_BODY = {
    "type": "string",
    "description": "The upload page's CSV file: a header line naming the columns (organisation, "
    "change, package, adopted_on, status, source, source_project, source_programme, "
    "source_note), then one line per adoption. `index` in the answer counts data lines from 0.",
}


class AdoptionRowsField(RowsField):
    default_error_messages = {
        "not_a_list": "Send a list of adoptions (JSON objects)",
        "empty": "Send at least one adoption",
        "too_many": f"Send at most {MAX_ROWS:,} adoptions a request: split bigger batches",
        "not_an_object": "Adoption {index} is not a JSON object",
        "unreadable": "Adoption {index} has text that cannot be stored (a NUL character or a "
        "lone surrogate)",
    }

    def to_internal_value(self, data):
        rows = super().to_internal_value(data)
        for index, row in enumerate(rows):
            if not all(queryable(value) for value in row.values() if isinstance(value, str)):
                self.fail("unreadable", index=index)
        return rows


class AdoptionRowsSerializer(serializers.Serializer):
    adoptions = AdoptionRowsField()


class AdoptionRowSerializer(serializers.Serializer):
    """One row of a batch (what the schema shows; each row is checked by the service)."""

    organisation = serializers.CharField(
        help_text="The organisation's ODS code, or its id (digits)."
    )
    change = serializers.CharField(
        required=False, help_text="The catalogue entry's slug (or give `package`)."
    )
    package = serializers.CharField(
        required=False, help_text="The slug of the programme whose whole package is adopted."
    )
    adopted_on = serializers.DateField()
    # Not an enum here: the schema's one AdoptionStatus enum is the adoption's own.
    status = serializers.CharField(
        required=False,
        help_text=f"One of {', '.join(AdoptionStatus.values)}; testing if not given.",
    )
    source = serializers.ChoiceField(choices=AdoptionSource.choices, required=False)
    source_project = serializers.IntegerField(required=False, help_text="A project's id.")
    source_programme = serializers.CharField(required=False, help_text="A programme's slug.")
    source_note = serializers.CharField(required=False, allow_blank=True)


class AdoptionsDocSerializer(serializers.Serializer):
    adoptions = AdoptionRowSerializer(many=True, max_length=MAX_ROWS, allow_empty=False)


class RejectedAdoptionSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="The row's position in the batch, from 0.")
    field = serializers.CharField()
    code = serializers.CharField(
        help_text="e.g. required, unknown (no such organisation, change, programme or "
        "project), both (a change and a package), invalid, future (only a plan may be dated "
        "after today), duplicate (the same adoption twice in the batch), too_long, forbidden "
        "(this user may not record adoptions for the organisation)."
    )
    message = serializers.CharField()


class AdoptionsSummarySerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = RejectedAdoptionSerializer(many=True)


REJECTED = OpenApiResponse(
    ErrorSerializer,
    description="Rows were rejected, so nothing was saved: the error format, with every rejected "
    "row as an error item (`adoptions.3.status`), and the summary's `created`, `updated`, "
    "`unchanged` and `rejected` (as in the 200 answer) alongside.",
)


def _rejected(problem) -> dict:
    """A service problem (numbered from 1, as a spreadsheet's rows) as the API's row (from 0)."""
    return {
        "index": problem.row - 1,
        "field": problem.field,
        "code": problem.code,
        "message": problem.message,
    }


def summary_body(summary) -> dict:
    return {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "rejected": [_rejected(problem) for problem in summary.problems],
    }


def batch_response(request, summary) -> Response:
    """200 with the summary; 400 (the summary inside the error format) when rows were rejected
    and so nothing was saved."""
    body = summary_body(summary)
    refused = summary.problems and not summary.saved
    if not refused or flag(request, "partial") or flag(request, "dry_run"):
        return Response(body, status=status.HTTP_200_OK)
    count = len(body["rejected"])
    rows = "1 row was" if count == 1 else f"{count} rows were"
    detail = (
        f"{rows} rejected, so nothing was saved. Correct them and send the batch again, "
        "or send it with ?partial=true to save the other rows."
    )
    errors = [
        {
            "field": f"adoptions.{row['index']}.{row['field']}",
            "code": row["code"],
            "message": row["message"],
        }
        for row in body["rejected"]
    ]
    error = error_body(status.HTTP_400_BAD_REQUEST, "rejected_rows", detail, errors)
    return Response({**error, **body}, status=status.HTTP_400_BAD_REQUEST)
