"""Runs the pure SPC analysis (measurement/spc) on a stored measure."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from measurement import spc
from measurement.models import DataPoint, DataType, Event, Measure, Rebase


def settings_for(measure: Measure, rebases=None) -> spc.MeasureSettings:
    if rebases is None:
        rebases = [
            spc.Phase(start=start, reason=reason)
            for start, reason in measure.rebases.order_by("start").values_list("start", "reason")
        ]
    return spc.MeasureSettings(
        chart=measure.chart,
        rules=measure.rules,
        data_type=measure.data_type,
        improvement=measure.improvement,
        target=measure.target,
        screen_moving_ranges=measure.screen_moving_ranges,
        baseline_points=measure.baseline_points,
        phases=tuple(spc.Phase(start=r.start, reason=r.reason) for r in rebases),
    )


@dataclass(frozen=True)
class Inputs:
    """What a measure's chart is drawn from, read once so it can be drawn up to any day."""

    settings: spc.MeasureSettings
    observations: tuple[spc.Observation, ...] = ()
    events: tuple[spc.Event, ...] = ()


def read_inputs(measure: Measure) -> Inputs:
    return read_inputs_of([measure])[measure.pk]


def read_inputs_of(measures: list[Measure]) -> dict[int, Inputs]:
    """Every measure's inputs in three queries however many measures (a refresh batch), as
    plain tuples rather than ~260 model instances a series (most of a refresh's time once)."""
    ids = [measure.pk for measure in measures]
    phases, observations, events = defaultdict(list), defaultdict(list), defaultdict(list)
    for measure_id, start, reason in (
        Rebase.objects.filter(measure__in=ids)
        .order_by("start")
        .values_list("measure_id", "start", "reason")
    ):
        phases[measure_id].append(spc.Phase(start=start, reason=reason))
    for measure_id, period, *values in (
        DataPoint.objects.filter(measure__in=ids)
        .order_by("measure", "period")
        .values_list("measure_id", "period", "value", "numerator", "denominator")
    ):
        observations[measure_id].append(spc.Observation(period, *values))
    event_ids = [measure.pk for measure in measures if measure.data_type == DataType.EVENTS]
    for measure_id, day, opportunities in (
        Event.objects.filter(measure__in=event_ids)
        .order_by("date")
        .values_list("measure_id", "date", "opportunities_since_previous")
    ):
        events[measure_id].append(spc.Event(date=day, opportunities_since_previous=opportunities))
    return {
        measure.pk: Inputs(
            settings_for(measure, phases[measure.pk]),
            observations=tuple(observations[measure.pk]),
            events=tuple(events[measure.pk]),
        )
        for measure in measures
    }


def with_observation(inputs: Inputs, observation: spc.Observation) -> Inputs:
    """The inputs with `observation` in its period's place (replacing what was there)."""
    kept = [o for o in inputs.observations if o.period != observation.period]
    ordered = sorted([*kept, observation], key=lambda o: o.period)
    return replace(inputs, observations=tuple(ordered))


def analyse_inputs(inputs: Inputs, upto: date | None = None) -> spc.Analysis | None:
    """The chart of everything entered (or dated up to `upto`, leaving out phases that start
    later); None while there is nothing to chart."""
    settings, observations, events = inputs.settings, inputs.observations, inputs.events
    if upto is not None:
        observations = tuple(o for o in observations if o.period <= upto)
        events = tuple(e for e in events if e.date <= upto)
        settings = replace(settings, phases=tuple(p for p in settings.phases if p.start <= upto))
    if inputs.settings.data_type == DataType.EVENTS:
        return spc.analyse(settings, events=events) if len(events) > 1 else None
    return spc.analyse(settings, observations=observations) if observations else None


def analyse_measure(measure: Measure) -> spc.Analysis | None:
    """The analysis of everything entered so far; None while there is nothing to chart."""
    return analyse_inputs(read_inputs(measure))


def analysis_document(measure: Measure) -> dict:
    """The analysis document of shared/spc/README.md, as the API returns it."""
    analysis = analyse_measure(measure)
    if analysis is None:
        return {
            "measure": measure.pk,
            "chart": measure.chart,
            "rules": measure.rules,
            "improvement": measure.improvement,
            "target": measure.target,
            "points": [],
            "phases": [],
            "variation": None,
            "assurance": None,
            "screen_moving_ranges": measure.screen_moving_ranges,
            "baseline_points": measure.baseline_points,
            "notes": [],
        }
    return {"measure": measure.pk, **analysis.to_document()}
