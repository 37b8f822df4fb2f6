"""The "Phases" section of a measure's page: each phase with its cause, who started it and
when, the phases removed (from their history), a suggested new phase, and the form."""

from datetime import date

from django.urls import reverse

from measurement.forms import RebaseForm
from measurement.models import Measure, Rebase
from measurement.phase_suggestions import suggested_start
from measurement.spc import Analysis
from regions.models import User


def long_date(day: date) -> str:
    return f"{day:%-d %B %Y}"


def person(user) -> str:
    if user is None:
        return "a former user"
    return user.get_full_name() or user.username


def _phase_row(number: int, rebase: Rebase) -> dict:
    cycle, idea = rebase.pdsa_cycle, rebase.change_idea
    return {
        "number": number,
        "start": long_date(rebase.start),
        "reason": rebase.reason,
        "pdsa_cycle": {"text": cycle.title, "href": cycle.get_absolute_url()} if cycle else None,
        "change_idea": {
            "text": idea.text,
            "href": reverse("projects:change_idea_detail", args=[idea.project_id, idea.pk]),
        }
        if idea
        else None,
        "who": person(rebase.created_by),
        "when": long_date(rebase.created_at.date()),
        "remove_href": reverse("measurement:rebase_remove", args=[rebase.measure_id, rebase.pk]),
    }


def phase_rows(measure: Measure) -> list[dict]:
    """Phase 2 onwards (phase 1 runs from the first point), in order of their starts."""
    rebases = measure.rebases.select_related("pdsa_cycle", "change_idea", "created_by")
    return [_phase_row(number, r) for number, r in enumerate(rebases.order_by("start"), start=2)]


def removed_rows(measure: Measure) -> list[dict]:
    """Removed phases, newest removal first: what they said, who added and who removed them."""
    records = (
        Rebase.history.filter(measure_id=measure.pk, history_type="-")
        .select_related("history_user")
        .order_by("-history_date")
    )
    added_by = _users({record.created_by_id for record in records})
    return [
        {
            "start": long_date(record.start),
            "reason": record.reason,
            "added": f"{person(added_by.get(record.created_by_id))} on "
            f"{long_date(record.created_at.date())}",
            "removed": f"{person(record.history_user)} on {long_date(record.history_date.date())}",
        }
        for record in records
    ]


def _users(ids: set) -> dict:
    return {user.pk: user for user in User.objects.filter(pk__in=ids - {None})}


def suggestion(analysis: Analysis | None, measure: Measure) -> dict | None:
    start = suggested_start(analysis)
    if start is None:
        return None
    return {
        "text": f"A shift starts at {long_date(start)}. If the process changed then, start a "
        f"new phase there.",
        "start": start.isoformat(),
        "label": long_date(start),
        "href": f"{measure.get_absolute_url()}?start={start.isoformat()}#new-phase",
    }


def phases_context(
    request, measure: Measure, analysis: Analysis | None, may_edit: bool, form=None
) -> dict:
    """The section's context; `form` is a bound RebaseForm after a refused post."""
    suggested = suggestion(analysis, measure) if may_edit else None
    asked = request.GET.get("start", "")
    if form is None and may_edit:
        initial = asked or (suggested["start"] if suggested else "")
        form = RebaseForm(measure=measure, initial={"start": initial})
    return {
        "phases": phase_rows(measure),
        "first_phase_start": long_date(analysis.points[0].period)
        if analysis and analysis.points
        else None,
        "removed_phases": removed_rows(measure),
        "phase_suggestion": suggested,
        "rebase_form": form,
        "phase_form_open": bool((form is not None and form.errors) or asked),
    }
