"""Storing a measure's quarter readings after a refresh, touching only the rows that change.

Readings of quarters before the earliest changed period are frozen: they keep what the chart
showed when their own data last changed (docs/adr/0005-frozen-quarter-readings.md). So a new
week rewrites at most its own quarter and year, and marks only that year for the rollups.
"""

from datetime import date

from measurement import spc
from measurement.models import Measure, QuarterState
from measurement.signals import quarter_of, quarter_states, reread_from
from regions.rollups.pending import mark_pending

# `Measure.stale_from` when the whole chart changed (its rules, a rebase): every quarter is
# re-read. The lowest date, so a later data change cannot lower it further.
WHOLE_CHART = date.min

Key = tuple[str, int]


def first_quarter_to_reread(measure: Measure, states: dict[Key, str]) -> Key | None:
    """The quarter a refresh re-reads from; None for every quarter."""
    if measure.stale_from is not None:
        return None if measure.stale_from == WHOLE_CHART else quarter_of(measure.stale_from)
    if measure.analysed_at is None or measure.data_version > measure.analysed_version:
        return None  # written by something that did not say what changed: re-read everything
    return max(states) if states else None  # nothing changed: the latest quarter stays live


def store_quarter_states(measure: Measure, analysis: spc.Analysis | None) -> None:
    """Upserts the re-read quarters whose reading changed, deletes re-read quarters the chart
    no longer covers, and marks the years of both pending."""
    states = quarter_states(analysis) if analysis else {}
    first = first_quarter_to_reread(measure, states)
    fresh = {key: reading for key, reading in states.items() if reread_from(key, first)}
    stored = {(year, quarter): (pk, reading) for pk, year, quarter, reading
              in measure.quarter_states.values_list("pk", "financial_year", "quarter",
                                                    "variation")}
    gone = {key: pk for key, (pk, _) in stored.items()
            if reread_from(key, first) and key not in fresh}
    changed = {key: reading for key, reading in fresh.items()
               if stored.get(key, (None, None))[1] != reading}
    if gone:
        QuarterState.objects.filter(pk__in=gone.values()).delete()
    if changed:
        QuarterState.objects.bulk_create(
            [QuarterState(measure_id=measure.pk, financial_year=year, quarter=quarter,
                          variation=reading) for (year, quarter), reading in changed.items()],
            update_conflicts=True, unique_fields=["measure", "financial_year", "quarter"],
            update_fields=["variation"])
    years = {year for year, _ in (*changed, *gone)}
    if years:
        mark_pending(measure.project.lead_region.slug, years)
