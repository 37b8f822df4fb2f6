"""Runs the pure SPC analysis (measurement/spc) on a stored measure."""

from measurement import spc
from measurement.models import DataType, Measure


def settings_for(measure: Measure, rebases=None) -> spc.MeasureSettings:
    if rebases is None:
        rebases = [spc.Phase(start=start, reason=reason) for start, reason
                   in measure.rebases.order_by("start").values_list("start", "reason")]
    return spc.MeasureSettings(
        chart=measure.chart, rules=measure.rules, data_type=measure.data_type,
        improvement=measure.improvement, target=measure.target,
        screen_moving_ranges=measure.screen_moving_ranges,
        baseline_points=measure.baseline_points,
        phases=tuple(spc.Phase(start=r.start, reason=r.reason) for r in rebases),
    )


def analyse_measure(measure: Measure) -> spc.Analysis | None:
    """The analysis of everything entered so far; None while there is nothing to chart."""
    if measure.data_type == DataType.EVENTS:
        events = [
            spc.Event(date=day, opportunities_since_previous=opportunities)
            for day, opportunities in measure.events.order_by("date").values_list(
                "date", "opportunities_since_previous")
        ]
        return spc.analyse(settings_for(measure), events=events) if len(events) > 1 else None
    # Plain tuples, not ~260 model instances a series: this is most of a refresh's time.
    observations = [
        spc.Observation(period=period, value=value, numerator=numerator, denominator=denominator)
        for period, value, numerator, denominator in measure.data_points.order_by(
            "period").values_list("period", "value", "numerator", "denominator")
    ]
    return spc.analyse(settings_for(measure), observations=observations) if observations else None


def analysis_document(measure: Measure) -> dict:
    """The analysis document of shared/spc/README.md, as the API returns it."""
    analysis = analyse_measure(measure)
    if analysis is None:
        return {"measure": measure.pk, "chart": measure.chart, "rules": measure.rules,
                "improvement": measure.improvement, "target": measure.target, "points": [],
                "phases": [], "variation": None, "assurance": None}
    return {"measure": measure.pk, **analysis.to_document()}
