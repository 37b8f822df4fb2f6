"""Phases of a chart: a team starts a new phase (rebases) after a change, or removes one.

Either redraws the whole chart (a new data version and a refresh), and both keep a history
record, so a removed phase's reason, who added it and who removed it stay on the page.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from measurement import spc
from measurement.analysis import analyse_measure
from measurement.entry_rules import check_period
from measurement.models import DataType, Measure, Rebase
from measurement.services.permissions import check_may_edit_measures
from measurement.services.refresh import measures_changed
from projects.models import ChangeIdea, PDSACycle
from regions.models import User

NO_REASON = "Say why the process changed: a new phase needs a reason"


def charted_periods(measure: Measure) -> list[date]:
    """The periods of the chart's points, oldest first: the periods with data or, for rare
    events, the dates of the events the chart plots (a t chart's first event only starts
    the first interval, so is not a point)."""
    if measure.data_type != DataType.EVENTS:
        return list(measure.data_points.order_by("period").values_list("period", flat=True))
    try:
        analysis = analyse_measure(measure)
    except (spc.InvalidData, spc.InvalidSettings):  # stored before today's rules: a fallback
        return list(measure.events.order_by("date").values_list("date", flat=True))[1:]
    return [point.period for point in analysis.points] if analysis else []


def _start_problem(measure: Measure, start) -> tuple[date | None, str | None]:
    if start in (None, ""):
        return None, "Choose the first period of the new phase"
    frequency = "daily" if measure.data_type == DataType.EVENTS else measure.frequency
    start, _, message = check_period(start, frequency, timezone.localdate())
    if message:
        return None, message
    periods = charted_periods(measure)
    if not periods or start <= periods[0]:
        return None, "A new phase must start after the chart's first point"
    if start not in set(periods):
        what = "event" if measure.data_type == DataType.EVENTS else "value"
        return None, f"A new phase starts at a point: there is no {what} for {start:%-d %B %Y}"
    if measure.rebases.filter(start=start).exists():
        return None, "A phase already starts on that period"
    return start, None


def _cause_problems(measure: Measure, pdsa_cycle, change_idea) -> dict[str, str]:
    problems = {}
    if pdsa_cycle is not None and pdsa_cycle.project_id != measure.project_id:
        problems["pdsa_cycle"] = "Choose a PDSA cycle of this measure's project"
    if change_idea is not None and change_idea.project_id != measure.project_id:
        problems["change_idea"] = "Choose a change idea of this measure's project"
    return problems


@transaction.atomic
def rebase_add(
    *,
    by: User,
    measure: Measure,
    start,
    reason: str,
    pdsa_cycle: PDSACycle | None = None,
    change_idea: ChangeIdea | None = None,
) -> Rebase:
    """A new phase from `start`, a period with data after the first; a reason is required,
    and the PDSA cycle or change idea behind it, if given, must be the measure's project's."""
    check_may_edit_measures(by, measure.project)
    reason = (reason or "").strip()
    start, start_problem = _start_problem(measure, start)
    errors = {"start": start_problem} if start_problem else {}
    if not reason:
        errors["reason"] = NO_REASON
    errors.update(_cause_problems(measure, pdsa_cycle, change_idea))
    if errors:
        raise ValidationError(errors)
    rebase = Rebase(
        measure=measure,
        start=start,
        reason=reason,
        pdsa_cycle=pdsa_cycle,
        change_idea=change_idea,
        created_by=by,
    )
    rebase._history_user = by
    rebase.full_clean()
    rebase.save()
    measures_changed({measure.pk: None})
    return rebase


@transaction.atomic
def rebase_remove(*, by: User, rebase: Rebase) -> None:
    """Ends a phase: the chart joins it to the one before. Its history record keeps the reason
    and says who removed it."""
    check_may_edit_measures(by, rebase.measure.project)
    measure_id = rebase.measure_id
    rebase._history_user = by
    rebase.delete()
    measures_changed({measure_id: None})


def causes_by_id(measure: Measure, *, pdsa_cycle=None, change_idea=None) -> dict:
    """The PDSA cycle and change idea named by id (as the API gives them), looked up in the
    measure's project only; an id from elsewhere is refused at its field."""
    project, found, errors = measure.project, {}, {}
    lookups = {
        "pdsa_cycle": (project.pdsa_cycles, "Choose a PDSA cycle of this measure's project"),
        "change_idea": (project.change_ideas, "Choose a change idea of this measure's project"),
    }
    for field, pk in (("pdsa_cycle", pdsa_cycle), ("change_idea", change_idea)):
        if pk is None:
            continue
        related, refusal = lookups[field]
        found[field] = related.filter(pk=pk).first()
        if found[field] is None:
            errors[field] = refusal
    if errors:
        raise ValidationError(errors)
    return found
