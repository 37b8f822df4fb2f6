"""Storing a measure's quarter readings after a refresh, touching only the rows that change.

A quarter's reading is what the chart drawn from the data up to the quarter's end shows, so it
changes only when data of that quarter or an earlier one does: a refresh re-reads quarters from
the earliest changed period on (docs/adr/0005-frozen-quarter-readings.md). A new week rewrites
at most its own quarter and year, and marks only that year for the rollups.
"""

from collections.abc import Callable
from datetime import date

from core.fiscal import quarter_of
from measurement import spc
from measurement.events import announce_quarter_readings
from measurement.models import Measure, QuarterState
from measurement.readings import quarter_end_readings, reread_from

# `Measure.stale_from` when the whole chart changed (its rules, a rebase): every quarter is
# re-read. The lowest date, so a later data change cannot lower it further.
WHOLE_CHART = date.min

Key = tuple[str, int]


def first_quarter_to_reread(measure: Measure, analysis: spc.Analysis | None) -> Key | None:
    """The quarter a refresh re-reads from; None for every quarter."""
    if measure.stale_from is not None:
        return None if measure.stale_from == WHOLE_CHART else quarter_of(measure.stale_from)
    if measure.analysed_at is None or measure.data_version > measure.analysed_version:
        return None  # written by something that did not say what changed: re-read everything
    if analysis is None or not analysis.points:
        return None
    return quarter_of(analysis.points[-1].period)  # nothing changed: re-read the latest only


def reread(
    measure: Measure, analysis: spc.Analysis | None, read_upto: Callable
) -> tuple[Key | None, dict[Key, str]]:
    """(the first quarter re-read, {quarter: reading} of the quarters re-read).
    `read_upto(day)` is the reading of the chart drawn from the data up to `day`."""
    first = first_quarter_to_reread(measure, analysis)
    return first, quarter_end_readings(analysis, read_upto, first) if analysis else {}


def store_quarter_states(
    rereads: dict[Measure, tuple[Key | None, dict[Key, str]]], *, harm_changed=frozenset()
) -> None:
    """For a batch of measures: upserts the re-read quarters whose reading changed, deletes
    re-read quarters a chart no longer covers, and announces the years of both, and the latest
    year of each measure in `harm_changed` (its harm-avoided estimate counts there)."""
    stored: dict[int, dict[Key, tuple[int, str]]] = {measure.pk: {} for measure in rereads}
    for pk, measure_id, year, quarter, reading in QuarterState.objects.filter(
        measure__in=list(stored)
    ).values_list("pk", "measure", "financial_year", "quarter", "variation"):
        stored[measure_id][(year, quarter)] = (pk, reading)
    gone, changed, years = [], [], {}
    for measure, (first, fresh) in rereads.items():
        before = stored[measure.pk]
        dropped = [key for key in before if reread_from(key, first) and key not in fresh]
        updated = [
            key for key, reading in fresh.items() if before.get(key, (None, None))[1] != reading
        ]
        gone += [before[key][0] for key in dropped]
        changed += [
            QuarterState(
                measure_id=measure.pk, financial_year=key[0], quarter=key[1], variation=fresh[key]
            )
            for key in updated
        ]
        region_years = years.setdefault(measure.project.lead_region.slug, set())
        region_years.update(key[0] for key in (*dropped, *updated))
        remaining = {key[0] for key in (*before, *fresh) if key not in dropped}
        if measure.pk in harm_changed and remaining:
            region_years.add(max(remaining))
    if gone:
        QuarterState.objects.filter(pk__in=gone).delete()
    if changed:
        QuarterState.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["measure", "financial_year", "quarter"],
            update_fields=["variation"],
            batch_size=2000,
        )
    announce_quarter_readings(years)
