"""Uploading adoptions as a CSV file (every row saved, or none, with a report naming each
problem's line and column), and the template file to fill in."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from core import csv_files
from learning import adoption_csv
from learning.forms.spread import AdoptionUploadForm
from learning.presenters.spread_upload import summary_sentence, upload_context
from learning.services import adoptions as services


def adoption_upload(request):
    services.check_may_record_some(request.user)
    posted = request.method == "POST"
    form = AdoptionUploadForm(request.POST if posted else None, request.FILES if posted else None)
    summary = checked_only = None
    if posted and form.is_valid():
        check_only = form.cleaned_data["check_only"]
        try:
            read = adoption_csv.read_csv(form.cleaned_data["file"].read(csv_files.MAX_BYTES + 1))
        except csv_files.Unreadable as refusal:
            form.add_error("file", str(refusal))
        else:
            summary = services.adoptions_save(
                by=request.user,
                rows=read.rows,
                numbers=read.lines,
                dry_run=check_only or bool(read.problems),
            )
            summary.problems = sorted([*read.problems, *summary.problems], key=lambda p: p.row)
            if summary.problems:
                form.add_error("file", _nothing_saved(len(summary.problems)))
            elif check_only:
                checked_only = summary_sentence(summary, checked_only=True)
            else:
                messages.success(request, summary_sentence(summary, checked_only=False))
                return redirect("learning:adoption_list")
    return render(
        request,
        "learning/spread/adoption_upload.jinja",
        upload_context(form, summary, checked_only),
    )


def _nothing_saved(count: int) -> str:
    problems = "1 problem" if count == 1 else f"{count:,} problems"
    them = "it" if count == 1 else "them"
    return f"Nothing was saved: the file has {problems}. Fix {them} and upload it again"


def adoption_upload_template(request):
    services.check_may_record_some(request.user)
    response = HttpResponse(adoption_csv.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "adoptions-template.csv")
    return response
