"""The project grid: one small form per period. Rows post as plain forms (then redirect) or
with htmx (`HX-Request`), which gets back just the row, with the charts and their summaries out
of band."""

from datetime import date, datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from measurement import periods as p
from measurement.analysis import read_inputs_of
from measurement.entry_rules import check_period
from measurement.presenters import entry as present
from measurement.services.permissions import check_may_edit_measures
from measurement.views.entry.grid_saving import (
    analyses_after,
    analyses_before,
    confirmation_needed,
    posted_row,
    save_row,
)
from measurement.views.entry.lookup import project_or_404
from projects import access as projects_access


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# The grid ---------------------------------------------------------------------------------


def _frequency(raw, available: list[str]) -> str:
    return raw if raw in available else (available[0] if available else p.WEEKLY)


EARLIEST = date(1900, 1, 1)  # a Monday: pages never reach back before it


def _rows(raw) -> int:
    return int(raw) if raw in {str(n) for n in present.ROW_CHOICES} else present.GRID_ROWS


def _end(
    raw,
    frequency: str,
    today: date,
    showing: date | None = None,
    rows: int = present.GRID_ROWS,
    default: date | None = None,
) -> date:
    """The newest period shown: a complete one, and (when given) near enough to show `showing`.
    Without an end asked for, the last complete period (or `default`, a closed project's end)."""
    last = p.last_complete_period(today, frequency)
    try:
        asked = max(date.fromisoformat(raw or ""), EARLIEST)
    except ValueError:
        asked = min(default, last) if default else last
    end = min(p.period_start(asked, frequency), last)
    if (
        showing
        and EARLIEST <= showing <= last
        and not (p.shift(end, frequency, 1 - rows) <= showing <= end)
    ):
        end = showing
    return end


def project_grid(request, project_pk):
    project = project_or_404(request, project_pk)
    today = timezone.localdate()
    frequency = _frequency(request.GET.get("frequency"), present.frequencies(project))
    rows = _rows(request.GET.get("rows"))
    end = _end(
        request.GET.get("end"), frequency, today, rows=rows, default=present.project_end(project)
    )
    go_to = {}
    if "go" in request.GET:
        go_to = {"value": request.GET["go"]}
        day = parse_go_to(request.GET["go"])
        if day is None:
            go_to["error"] = "Enter the date to go to as a real date, like 06/01/2025"
        else:
            end = _end(p.shift(day, frequency, rows // 2).isoformat(), frequency, today, rows=rows)
    context = present.grid_context(
        project,
        frequency=frequency,
        end=end,
        today=today,
        editable=projects_access.can_edit_project(request.user, project),
        rows=rows,
        go_to=go_to,
    )
    status = 400 if go_to.get("error") else 200
    return render(request, "measurement/entry/grid.jinja", context, status=status)


def parse_go_to(raw: str) -> date | None:
    """A day typed or picked: 2025-01-06 (a date picker's) or 6/1/2025 (as people write it)."""
    text = raw.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return day if day >= EARLIEST else None
    return None


@require_POST
def grid_row_save(request, project_pk, period):
    project = project_or_404(request, project_pk)
    check_may_edit_measures(request.user, project)  # refused before the form is read
    today = timezone.localdate()
    frequency = _frequency(request.POST.get("frequency"), present.frequencies(project))
    day, _, message = check_period(period, frequency, today)
    if message:
        return _grid_page(
            request,
            project,
            frequency,
            _end(None, frequency, today),
            today,
            page_error=f"The period “{period}” cannot be saved: {message}",
            status=400,
        )
    rows = _rows(request.POST.get("rows"))
    end = _end(request.POST.get("end"), frequency, today, showing=day, rows=rows)
    measures = present.grid_measures(project, frequency)
    state, clean = posted_row(request.POST, measures, day, today)
    phrase = present.period_phrase(day, frequency)
    # The charts of the row's measures, read once: checked before the save, redrawn after it.
    inputs = read_inputs_of([m for m in measures if m.pk in clean])
    if not state.problems and not clean:
        state.notice = "Nothing was saved: every cell of this row is blank."
    elif not state.problems and not confirmation_needed(
        request.POST, measures, clean, state, analyses_before(inputs)
    ):
        save_row(request.user, measures, clean, state, phrase)
    if not _is_htmx(request):
        if state.saved:
            messages.success(request, state.saved)
            href = present.grid_href(project.pk, frequency, end, rows)
            return redirect(f"{href}#period-{day}")
        return _grid_page(request, project, frequency, end, today, states={day: state}, rows=rows)
    shown = (frequency, end, rows)
    return _row_response(request, project, measures, shown, day, state, clean, inputs)


def _grid_page(
    request, project, frequency, end, today, *, states=None, page_error="", status=200, rows=12
):
    context = present.grid_context(
        project,
        frequency=frequency,
        end=end,
        today=today,
        editable=True,
        states=states,
        rows=rows,
    )
    context["page_error"] = page_error
    return render(request, "measurement/entry/grid.jinja", context, status=status)


def _row_response(request, project, measures, shown, day, state, clean, inputs):
    """The row again (errors, warning or saved), and after a save the charts out of band."""
    frequency, end, rows = shown
    if state.saved:
        state.posted = {}  # show what is stored now
    row = present.grid_row(
        project,
        measures,
        day,
        frequency=frequency,
        end=end,
        points=present.point_map(measures, [day]),
        state=state,
        rows=rows,
    )
    saved = [m for m in measures if m.pk in clean] if state.saved else []
    present.with_current_versions(saved)
    context = {
        "row": row,
        "editable": True,
        "charts": present.chart_blocks(saved, analyses_after(inputs, clean)),
        "status": state.saved or state.notice,
    }
    response = render(request, "measurement/entry/_row_response.jinja", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
