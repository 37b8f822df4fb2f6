"""What each generated measure's chart shows, read with the application's own analysis.

Every measure is analysed with `measurement.spc.analyse` (no sampling, at every scale), from
exactly the values that are written, so the stored variation, assurance, harm estimate and
quarter states are those `refresh_measure` would store. At national scale this is the slow part
of generation (about a millisecond or two a series), so it runs in a process pool.
Pure: no Django.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from demo.scale.plans import REBASE_REASON, MeasurePlan
from demo.scale.series import Series, draw
from measurement import spc
from measurement.readings import current_variation, is_special_cause, quarter_states, signal_runs


@dataclass(frozen=True)
class Reading:
    measure_id: int
    variation: str
    assurance: str
    harm: float | None
    states: tuple[tuple[str, int, str], ...]  # (financial year, quarter, variation)
    events: tuple[tuple[date, int | None], ...]
    seen: tuple[tuple[str, date, str], ...] = ()  # signals the team was told of: no news now
    failed: str = ""  # the analysis's complaint, when it refused the data


def periods(first: date, weeks: int) -> list[date]:
    return [first + timedelta(weeks=week) for week in range(weeks)]


def settings(plan: MeasurePlan, first: date) -> spc.MeasureSettings:
    rebase = plan.rebase_week
    phases = () if rebase is None else (spc.Phase(first + timedelta(weeks=rebase), REBASE_REASON),)
    return spc.MeasureSettings(
        chart=plan.chart,
        rules=plan.rules,
        data_type=plan.data_type,
        improvement=plan.improvement,
        target=plan.target,
        screen_moving_ranges=True,
        baseline_points=plan.baseline_points,
        phases=phases,
    )


def analyse(plan: MeasurePlan, series: Series, first: date, weeks: int) -> spc.Analysis | None:
    measure_settings = settings(plan, first)
    if plan.data_type == "events":
        events = [spc.Event(day, count) for day, count in series.events]
        return spc.analyse(measure_settings, events=events) if len(events) > 1 else None
    if series.value is not None:
        observations = [
            spc.Observation(period, value=value)
            for period, value in zip(periods(first, weeks), series.value.tolist(), strict=True)
        ]
    else:
        observations = [
            spc.Observation(period, numerator=n, denominator=d)
            for period, n, d in zip(
                periods(first, weeks),
                series.numerator.tolist(),
                series.denominator.tolist(),
                strict=True,
            )
        ]
    return spc.analyse(measure_settings, observations=observations)


def read(seed: int, plan: MeasurePlan, first: date, weeks: int) -> Reading:
    series = draw(seed, plan, first, weeks)
    try:
        analysis = analyse(plan, series, first, weeks)
    except ValueError as error:
        return Reading(plan.id, "", "", None, (), series.events, failed=str(error))
    if analysis is None:
        return Reading(plan.id, "", "", None, (), series.events)
    harm = spc.harm_avoided(analysis)
    states = tuple(
        (year, quarter, reading) for (year, quarter), reading in quarter_states(analysis).items()
    )
    return Reading(
        plan.id,
        current_variation(analysis),
        analysis.assurance or "",
        harm.estimate if harm else None,
        states,
        series.events,
        seen(analysis),
    )


def seen(analysis: spc.Analysis) -> tuple[tuple[str, date, str], ...]:
    """Every signal so far, as `refresh_measure` records them once told: without these, the
    first refresh of each generated measure would notify its team of five years of signals."""
    runs = {}
    for run in signal_runs(analysis):
        if is_special_cause(run, analysis.settings.rules):
            runs.setdefault((run.rule, run.first_period), run.point_type)
    return tuple((rule, first, point_type) for (rule, first), point_type in runs.items())


def read_chunk(job: tuple) -> list[Reading]:
    """For a process pool: (seed, first week, weeks, plans) -> their readings."""
    seed, first, weeks, plans = job
    return [read(seed, plan, first, weeks) for plan in plans]
