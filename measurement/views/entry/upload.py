"""CSV upload of a measure's values, and the template file to fill in."""

from django import forms
from django.contrib import messages
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from core.wording import plural
from measurement import csv_import
from measurement.models import DataType
from measurement.presenters import entry as present
from measurement.services.data import data_points_upsert
from measurement.services.permissions import check_may_enter
from measurement.views.entry.lookup import measure_or_404


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file is empty"},
    )


def _value_measure_or_404(request, pk):
    measure = measure_or_404(request, pk)
    if measure.data_type == DataType.EVENTS:
        raise Http404(f"“{measure.name}” records dated events: record each one on its events page.")
    return measure


def csv_upload(request, pk):
    measure = _value_measure_or_404(request, pk)
    check_may_enter(request.user, measure)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    report = []
    if posted and form.is_valid():
        parsed = csv_import.parse_csv(
            form.cleaned_data["file"].read(csv_import.MAX_BYTES + 1), measure.data_type
        )
        if parsed.problem:
            form.add_error("file", parsed.problem)
        else:
            summary = data_points_upsert(
                by=request.user,
                measure=measure,
                rows=parsed.rows,
                dry_run=bool(parsed.row_problems),
            )
            report = csv_import.report(parsed, summary.rejected)
            if not report:
                messages.success(
                    request,
                    present.import_summary_text(
                        summary.created, summary.updated, summary.unchanged, measure.frequency
                    ),
                )
                return redirect(measure)
            form.add_error(
                "file",
                f"Nothing was saved: the file has "
                f"{plural(len(report), 'problem')}. Fix "
                f"{'it' if len(report) == 1 else 'them'} and upload it again",
            )
    return render(
        request, "measurement/entry/csv_upload.jinja", present.upload_context(measure, form, report)
    )


def csv_template(request, pk):
    measure = _value_measure_or_404(request, pk)
    last = measure.data_points.aggregate(last=Max("period"))["last"]
    due = present.due_periods(measure.project, measure.frequency, last, timezone.localdate())
    response = HttpResponse(
        csv_import.template_csv(measure.data_type, due), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{slugify(measure.name) or 'measure'}-template.csv"
    )
    return response
