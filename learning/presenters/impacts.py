"""Each measure's impact statements (learning/impacts.py), read from its chart.

A batch of measures costs one read of their inputs (three queries however many measures) and a
query for their projects' end dates, and nothing while the cache holds every measure's
statements. The cache key carries the measure's data_version, which every change to its data,
settings or phases bumps (measurement/services/refresh.py), and the day "days since the last
event" counts to, so a statement never outlives what it was read from.
"""

import hashlib
import logging
from collections.abc import Iterable
from datetime import date

from django.core.cache import cache
from django.utils import timezone

from learning.impacts import Impact, impacts_of
from measurement import spc
from measurement.analysis import Inputs, analyse_inputs, read_inputs_of
from measurement.models import Measure
from projects.models import Project, ProjectStatus

logger = logging.getLogger(__name__)

CACHE_VERSION = 1
CACHE_SECONDS = 24 * 60 * 60


def impacts_by_measure(measures: Iterable[Measure]) -> dict[int, list[Impact]]:
    """{measure id: its impacts, in the order learning.impacts gives them}."""
    measures = list(measures)
    ends = _end_days(measures)
    keys = {m.pk: _cache_key(m, ends[m.project_id]) for m in measures}
    cached = cache.get_many(list(keys.values()))
    missing = [m for m in measures if keys[m.pk] not in cached]
    fresh = _computed(missing, ends) if missing else {}
    if fresh:
        cache.set_many({keys[pk]: impacts for pk, impacts in fresh.items()}, CACHE_SECONDS)
    return {m.pk: fresh[m.pk] if m.pk in fresh else cached[keys[m.pk]] for m in measures}


def _computed(measures: list[Measure], ends: dict[int, date]) -> dict[int, list[Impact]]:
    inputs = read_inputs_of(measures)
    return {
        m.pk: impacts_of(
            _analysis(m, inputs[m.pk]),
            name=m.name,
            multiplier=m.multiplier,
            unit=m.unit,
            event_dates=[event.date for event in inputs[m.pk].events],
            end=ends[m.project_id],
        )
        for m in measures
    }


def _analysis(measure: Measure, inputs: Inputs) -> spc.Analysis | None:
    """The chart, or None (no statements) when its stored settings or data cannot be charted:
    one bad measure should not take the project page down with it."""
    try:
        return analyse_inputs(inputs)
    except (spc.InvalidSettings, spc.InvalidData) as error:
        logger.warning("No impacts for measure %s: %s", measure.pk, error)
        return None


def _end_days(measures: list[Measure]) -> dict[int, date]:
    """The day each project's counting ends: its completion date once completed, else today.
    From the measures' projects when they are loaded; else in one query."""
    today = timezone.localdate()
    loaded = {m.project_id: m.project for m in measures if Measure.project.is_cached(m)}
    wanted = {m.project_id for m in measures} - set(loaded)
    rows = [(p.pk, p.status, p.completed_on) for p in loaded.values()]
    if wanted:
        rows += Project.objects.filter(pk__in=wanted).values_list("pk", "status", "completed_on")
    return {
        pk: completed_on if status == ProjectStatus.COMPLETED and completed_on else today
        for pk, status, completed_on in rows
    }


def _cache_key(measure: Measure, end: date) -> str:
    """The data version, and what the statements print that a version bump may not follow."""
    shown = (measure.name, measure.unit, measure.multiplier, measure.target, end.isoformat())
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
    return f"learning:impacts:{CACHE_VERSION}:{measure.pk}:{measure.data_version}:{digest}"


def impact_document(measure: Measure, impact: Impact) -> dict:
    """One impact as the API and the public story give it: figures in display units (27.0 for
    27%), the relative change as a fraction (1.85 for +185%), phase starts as ISO dates."""
    return {
        "measure": measure.pk,
        "measure_name": measure.name,
        "statement": impact.statement,
        "before": impact.before,
        "after": impact.after,
        "relative_change": impact.relative_change,
        "unit": impact.unit,
        "kind": impact.kind,
        "phases": [
            {"phase": ref.phase, "start": ref.start.isoformat(), "reason": ref.reason}
            for ref in impact.phases
        ],
    }
