"""Reading the summary's rows from a scoped Measure queryset: one query for the measures with
their project, region and latest data point (or latest two events) annotated, whatever their
number."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from core.wording import long_date
from measurement.charts.wording import ValueFormat, decimals_for, target_words
from measurement.models import DataPoint, DataType, Event, Measure
from measurement.presenters.chart import NO_TARGET
from projects.models import Topic
from reporting.mdc_summary.matrix import assurance_words, is_concern, variation_words
from reporting.mdc_summary.types import SummaryRow

TOPICS = dict(Topic.choices)


def summary_rows(measures: QuerySet[Measure]) -> list[SummaryRow]:
    """One row per measure, in the queryset's order (by project, then name, unless ordered)."""
    return [_row(measure) for measure in _annotated(measures)]


def _annotated(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    point = DataPoint.objects.filter(measure=OuterRef("pk")).order_by("-period")
    event = Event.objects.filter(measure=OuterRef("pk")).order_by("-date")
    return (
        measures.select_related("project__lead_region")
        .only(
            "id",
            "name",
            "data_type",
            "chart",
            "unit",
            "multiplier",
            "improvement",
            "target",
            "variation",
            "assurance",
            "project__id",
            "project__title",
            "project__topic",
            "project__lead_region__name",
            "project__lead_region__slug",
        )
        .annotate(
            point_period=Subquery(point.values("period")[:1]),
            point_value=Subquery(point.values("value")[:1]),
            point_numerator=Subquery(point.values("numerator")[:1]),
            point_denominator=Subquery(point.values("denominator")[:1]),
            event_date=Subquery(event.values("date")[:1]),
            event_opportunities=Subquery(event.values("opportunities_since_previous")[:1]),
            previous_event_date=Subquery(event.values("date")[1:2]),
        )
    )


def _row(measure: Measure) -> SummaryRow:
    project = measure.project
    period = measure.event_date if measure.data_type == DataType.EVENTS else measure.point_period
    latest, latest_text = _latest(measure)
    multiplier = measure.multiplier or 1
    return SummaryRow(
        measure_id=measure.pk,
        measure_name=measure.name,
        measure_href=measure.get_absolute_url(),
        project_id=project.pk,
        project_title=project.title,
        project_href=project.get_absolute_url(),
        region_name=project.lead_region.name,
        region_slug=project.lead_region.slug,
        topic=project.topic,
        topic_label=TOPICS.get(project.topic, project.topic),
        unit=measure.unit,
        latest_value=latest,
        latest_value_text=latest_text,
        latest_period=period,
        latest_period_text=long_date(period) if period else "",
        target=None if measure.target is None else _rounded(measure.target * multiplier),
        target_text=NO_TARGET
        if measure.target is None
        else target_words(measure.target, multiplier, measure.unit),
        variation=measure.variation,
        variation_words=variation_words(measure.variation),
        assurance=measure.assurance,
        assurance_words=assurance_words(measure.assurance),
        improvement=measure.improvement,
        concern=is_concern(measure.variation, measure.assurance),
    )


def _latest(measure: Measure) -> tuple[float | None, str]:
    """The latest plotted value in display units, and as the chart's table words it."""
    if measure.data_type == DataType.EVENTS:
        return _latest_event(measure)
    raw = measure.point_value
    if raw is None and measure.point_denominator:
        raw = measure.point_numerator / measure.point_denominator
    if raw is None:
        return None, ""
    multiplier = measure.multiplier or 1
    shown = raw * multiplier
    whole = multiplier == 1 and shown == round(shown)
    text = ValueFormat(multiplier, measure.unit, decimals_for(abs(shown)), whole).value(raw)
    return _rounded(shown), text


def _latest_event(measure: Measure) -> tuple[float | None, str]:
    if measure.event_date is None:
        return None, ""
    if measure.chart == "g" and measure.event_opportunities is not None:
        count = measure.event_opportunities
        return float(count), f"{count:,} since the previous event"
    if measure.previous_event_date is None:
        return None, "The first event"
    days = (measure.event_date - measure.previous_event_date).days
    return float(days), f"{days:,} days since the previous event"


def _rounded(value: float) -> float:
    return round(value, 6)  # drops float noise such as 85.00000000000001
