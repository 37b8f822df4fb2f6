"""The entry rules applied to one measure's events, with what only the stored events can tell:
which event is the first of the series.

The first event starts a g chart's count and has no previous event, so it needs no
opportunities since one (shared/spc/README.md, "The first event"); every later event does.
"""

from datetime import date

from measurement.entry_rules import CleanEvent, Problem, check_events
from measurement.models import Measure

NEEDS_OPPORTUNITIES = "A g chart needs the opportunities (e.g. deliveries) since the previous event"


def measure_events_checked(
    measure: Measure, rows: list[dict], today: date
) -> tuple[list[CleanEvent], list[Problem]]:
    clean, problems = check_events(rows, needs_opportunities=False, today=today)
    if measure.chart != "g" or not clean:
        return clean, problems
    given = {event.date for event in clean}
    stored = {
        day: opportunities
        for day, opportunities in measure.events.values_list("date", "opportunities_since_previous")
        if day not in given
    }
    first = min([*stored, *given])
    earliest_stored = min(stored, default=None)
    # Only the first stored event may lack opportunities; an earlier one would make it a later.
    uncounted = None
    if earliest_stored is not None and stored[earliest_stored] is None:
        uncounted = earliest_stored
    refused = [
        problem
        for event in clean
        if (problem := _problem(rows, event, first=first, uncounted=uncounted)) is not None
    ]
    if not refused:
        return clean, problems
    refused_rows = {problem.index for problem in refused}
    kept = [event for event in clean if event.index not in refused_rows]
    return kept, sorted([*problems, *refused], key=lambda problem: problem.index)


def _problem(
    rows: list[dict], event: CleanEvent, *, first: date, uncounted: date | None
) -> Problem | None:
    label = str(rows[event.index].get("date") or "")
    if uncounted is not None and event.date < uncounted:
        # The stored event would no longer be the first, and it has no opportunities.
        return Problem(
            event.index,
            label,
            "date",
            "before_uncounted_event",
            f"The event on {uncounted:%-d %B %Y} is the first, so has no opportunities "
            "recorded: enter its opportunities before adding an earlier event",
        )
    if event.opportunities_since_previous is None and event.date != first:
        return Problem(
            event.index, label, "opportunities_since_previous", "required", NEEDS_OPPORTUNITIES
        )
    return None
