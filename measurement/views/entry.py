"""Data entry: my measures, the project grid (one small form per period), CSV upload and its
template, and rare events.

Every form works as a plain POST then redirect. The grid's rows also post with htmx
(`HX-Request`) and get back just the row, with the charts and their summaries out of band. Reads
go through `regions.access`; writes through `measurement.services`, which check permission again.
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from measurement import csv_import
from measurement import periods as p
from measurement.analysis import analyse_measure
from measurement.charts.wording import count_word, long_date
from measurement.entry_rules import VALUE_FIELDS, check_period, check_points
from measurement.models import DataType
from measurement.presenters import entry as present
from measurement.services.data import data_points_upsert
from measurement.services.events import days_since_last_event, event_delete, events_upsert
from measurement.services.permissions import check_may_edit_measures, check_may_enter
from projects.forms import DateInput
from regions import access


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _project(request, pk: int):
    project = access.projects_visible_to(request.user).filter(pk=pk).first()
    if project is None:
        raise Http404(f"There is no project with the id {pk}.")
    return project


def _measure(request, pk: int):
    measure = access.measures_visible_to(request.user).select_related("project").filter(
        pk=pk).first()
    if measure is None:
        raise Http404(f"There is no measure with the id {pk}.")
    return measure


def my_measures(request):
    context = present.my_measures_context(request.user, timezone.localdate())
    return render(request, "measurement/entry/my_measures.jinja", context)


# The grid ---------------------------------------------------------------------------------


def _frequency(raw, available: list[str]) -> str:
    return raw if raw in available else (available[0] if available else p.WEEKLY)


EARLIEST = date(1900, 1, 1)  # a Monday: pages never reach back before it


def _end(raw, frequency: str, today: date, showing: date | None = None) -> date:
    """The newest period shown: a complete one, and (when given) near enough to show `showing`."""
    last = p.last_complete_period(today, frequency)
    try:
        asked = max(date.fromisoformat(raw or ""), EARLIEST)
    except ValueError:
        asked = last
    end = min(p.period_start(asked, frequency), last)
    if showing and EARLIEST <= showing <= last and not (
            p.shift(end, frequency, 1 - present.GRID_ROWS) <= showing <= end):
        end = showing
    return end


def project_grid(request, project_pk):
    project = _project(request, project_pk)
    today = timezone.localdate()
    frequency = _frequency(request.GET.get("frequency"), present.frequencies(project))
    context = present.grid_context(
        project, frequency=frequency, end=_end(request.GET.get("end"), frequency, today),
        today=today, editable=access.can_edit_project(request.user, project))
    return render(request, "measurement/entry/grid.jinja", context)


class _RowRejected(Exception):
    def __init__(self, problems):
        self.problems = problems


def _posted_state(post, measures, period: date, today: date):
    """The typed values, each measure's problems, and the clean points of filled cells."""
    state, clean = present.RowState(), {}
    for measure in measures:
        names = VALUE_FIELDS[measure.data_type]
        cell = {n: post.get(present.field_name(measure.pk, n), "").strip() for n in names}
        state.posted.update({present.field_name(measure.pk, n): v for n, v in cell.items()})
        if not any(cell.values()):
            continue  # a blank cell is left as it is
        points, problems = check_points([{"period": period, **cell}], data_type=measure.data_type,
                                        frequency=measure.frequency, today=today)
        if problems:
            state.problems[measure.pk] = problems
        else:
            clean[measure.pk] = points[0]
    return state, clean


def _warn(post, measures, clean, state) -> bool:
    """True when a value is far outside its chart and the person has not confirmed it yet."""
    by_pk = {m.pk: m for m in measures}
    flagged = {}
    for pk, point in clean.items():
        warning = present.outlier_warning(by_pk[pk], analyse_measure(by_pk[pk]), point)
        if warning:
            state.warnings.append(warning)
            flagged[pk] = point
    token = present.confirm_token(flagged)
    if not flagged or post.get("confirm") == token:
        state.warnings = []
        return False
    state.confirm = token
    return True


def _save(user, measures, clean, state, phrase: str) -> None:
    """Every filled cell of the row in one transaction: one refusal and none is saved."""
    totals = [0, 0, 0]
    try:
        with transaction.atomic():
            for measure in (m for m in measures if m.pk in clean):
                point = clean[measure.pk]
                row = {"period": point.period, "value": point.value,
                       "numerator": point.numerator, "denominator": point.denominator}
                summary = data_points_upsert(by=user, measure=measure, rows=[row])
                if summary.rejected:
                    raise _RowRejected({measure.pk: summary.rejected})
                totals = [a + b for a, b in zip(totals, (summary.created, summary.updated,
                                                         summary.unchanged), strict=True)]
    except _RowRejected as refused:
        state.problems = refused.problems
        return
    state.saved = (f"The {phrase} is saved: {totals[0]} added, {totals[1]} corrected, "
                   f"{totals[2]} unchanged.")


@require_POST
def grid_row_save(request, project_pk, period):
    project = _project(request, project_pk)
    check_may_edit_measures(request.user, project)  # refused before the form is read
    today = timezone.localdate()
    frequency = _frequency(request.POST.get("frequency"), present.frequencies(project))
    day, _, message = check_period(period, frequency, today)
    if message:
        return _grid_page(request, project, frequency, _end(None, frequency, today), today,
                          page_error=f"The period “{period}” cannot be saved: {message}",
                          status=400)
    end = _end(request.POST.get("end"), frequency, today, showing=day)
    measures = present.grid_measures(project, frequency)
    state, clean = _posted_state(request.POST, measures, day, today)
    phrase = present.period_phrase(day, frequency)
    if not state.problems and not clean:
        state.notice = "Nothing was saved: every cell of this row is blank."
    elif not state.problems and not _warn(request.POST, measures, clean, state):
        _save(request.user, measures, clean, state, phrase)
    if not _is_htmx(request):
        if state.saved:
            messages.success(request, state.saved)
            return redirect(present.grid_href(project.pk, frequency, end) + f"#period-{day}")
        return _grid_page(request, project, frequency, end, today, states={day: state})
    return _row_response(request, project, frequency, end, day, state, clean)


def _grid_page(request, project, frequency, end, today, *, states=None, page_error="",
               status=200):
    context = present.grid_context(project, frequency=frequency, end=end, today=today,
                                   editable=True, states=states)
    context["page_error"] = page_error
    return render(request, "measurement/entry/grid.jinja", context, status=status)


def _row_response(request, project, frequency, end, day, state, clean):
    """The row again (errors, warning or saved), and after a save the charts out of band."""
    measures = present.grid_measures(project, frequency)
    if state.saved:
        state.posted = {}  # show what is stored now
    row = present.grid_row(project, measures, day, frequency=frequency, end=end,
                           points=present.point_map(measures, [day]), state=state)
    saved = [m for m in measures if m.pk in clean] if state.saved else []
    context = {"row": row, "editable": True, "charts": present.chart_blocks(saved),
               "status": state.saved or state.notice}
    response = render(request, "measurement/entry/_row_response.jinja", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# CSV upload and template ------------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file", error_messages={
        "required": "Choose a CSV file to upload", "empty": "The file is empty"})


def _value_measure(request, pk):
    measure = _measure(request, pk)
    if measure.data_type == DataType.EVENTS:
        raise Http404(f"“{measure.name}” records dated events: record each one on its events "
                      f"page.")
    return measure


def csv_upload(request, pk):
    measure = _value_measure(request, pk)
    check_may_enter(request.user, measure)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    report = []
    if posted and form.is_valid():
        parsed = csv_import.parse_csv(form.cleaned_data["file"].read(csv_import.MAX_BYTES + 1),
                                      measure.data_type)
        if parsed.problem:
            form.add_error("file", parsed.problem)
        else:
            summary = data_points_upsert(by=request.user, measure=measure, rows=parsed.rows,
                                         dry_run=bool(parsed.row_problems))
            report = csv_import.report(parsed, summary.rejected)
            if not report:
                messages.success(request, present.import_summary_text(
                    summary.created, summary.updated, summary.unchanged, measure.frequency))
                return redirect(measure)
            form.add_error("file", f"Nothing was saved: the file has "
                                   f"{count_word(len(report), 'problem')}. Fix "
                                   f"{'it' if len(report) == 1 else 'them'} and upload it again")
    return render(request, "measurement/entry/csv_upload.jinja",
                  present.upload_context(measure, form, report))


def csv_template(request, pk):
    measure = _value_measure(request, pk)
    entered = set(measure.data_points.values_list("period", flat=True))
    missing = present.missing_for(measure, entered, timezone.localdate())
    response = HttpResponse(csv_import.template_csv(measure.data_type, missing),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{slugify(measure.name) or 'measure'}-template.csv")
    return response


# Rare events ------------------------------------------------------------------------------


class EventForm(forms.Form):
    date = forms.DateField(label="Date of the event", widget=DateInput(), error_messages={
        "required": "Enter the date of the event",
        "invalid": "Enter the date of the event as a real date, like 06/01/2025"})
    opportunities_since_previous = forms.IntegerField(
        label="Opportunities since the previous event", required=False,
        help_text="For example, deliveries since the previous event",
        error_messages={"invalid": "Enter the opportunities as a whole number, like 120"})

    def __init__(self, *args, counted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not counted:
            del self.fields["opportunities_since_previous"]


def event_entry(request, pk):
    measure = _measure(request, pk)
    if measure.data_type != DataType.EVENTS:
        return redirect(present.grid_href(measure.project_id, measure.frequency))
    if request.method == "POST":
        check_may_enter(request.user, measure)
        if "delete" in request.POST:
            return _delete_event(request, measure)
    form = EventForm(request.POST if request.method == "POST" else None,
                     counted=measure.chart == "g")
    if request.method == "POST" and form.is_valid() and _record_event(request, measure, form):
        return redirect(request.path)
    context = present.events_context(measure, days_since_last_event(measure),
                                     access.can_edit_measure(request.user, measure))
    context["form"] = form
    return render(request, "measurement/entry/events.jinja", context)


def _record_event(request, measure, form) -> bool:
    day = form.cleaned_data["date"]
    if measure.events.filter(date=day).exists():
        form.add_error("date", f"An event on {long_date(day)} is already recorded")
        return False
    row = {"date": day.isoformat(), **{k: v for k, v in form.cleaned_data.items() if k != "date"}}
    summary = events_upsert(by=request.user, measure=measure, rows=[row])
    for problem in summary.rejected:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)
    if summary.rejected:
        return False
    messages.success(request, f"The event on {long_date(day)} is recorded.")
    return True


def _delete_event(request, measure):
    try:
        day = date.fromisoformat(request.POST["delete"])
    except ValueError:
        raise Http404("There is no event on that date.") from None
    if event_delete(by=request.user, measure=measure, date=day):
        messages.success(request, f"The event on {long_date(day)} was removed.")
    return redirect(request.path)
