"""The dashboards' quarterly trends: small multiples as inline SVG (`reporting.trend_svg`),
each opening with <title> and <desc>, and every chart's numbers also as table rows for people
who cannot see it. A chart takes well under a millisecond to write, less than a cache read, so
they are drawn with the fragment that shows them (`reporting.fragments`) and not kept apart.
"""

import math
from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup

from core.fiscal import QUARTERS, quarter_bounds
from projects.models import Topic
from reporting.trend_svg import trend_svg

MOST_YEAR_LABELS = 6


@dataclass(frozen=True)
class Trend:
    metric: str
    title: str
    noun: str  # what is counted, in a sentence
    kind: str  # "column": counted within each quarter; "line": a state at each quarter's end
    by_topic: bool = False


TRENDS = (
    Trend("projects_started", "QI projects started", "QI projects started", "column", True),
    Trend("projects_completed", "QI projects completed", "QI projects completed", "column"),
    Trend("projects_active", "QI projects active", "QI projects active", "line", True),
    Trend("staff_trained.total", "People trained", "people trained", "column"),
    Trend(
        "champions_recruited.total",
        "Champions recruited",
        "patient safety champions, Q fellows and QI experts recruited",
        "column",
    ),
    Trend(
        "organisations_engaged.total", "Organisations engaged", "organisations engaged", "column"
    ),
)


@dataclass(frozen=True)
class SmallMultiple:
    id: str
    title: str
    svg: Markup
    summary: str
    rows: list[dict]  # {"year": "2016/17", "cells": ["12", ...]}: the chart's numbers by quarter


def metric_of(trend: Trend, topic: str) -> str:
    return f"{trend.metric}.topic.{topic}" if topic and trend.by_topic else trend.metric


def metrics(topic: str) -> list[str]:
    """The stored metrics the charts read (the topic's, where projects are split by topic)."""
    return [metric_of(trend, topic) for trend in TRENDS]


def _short_year(year: str) -> str:
    return year[2:].replace("-", "/")


def _quarter_label(year: str, quarter: int) -> str:
    return f"Q{quarter} {year.replace('-', '/')}"


def _points(series, years: list[str], today: date) -> list[tuple[str, int, int]]:
    """(year, quarter, value) for every quarter begun by today; absent figures are 0."""
    stored = {(year, quarter): value for year, quarter, value in series}
    return [
        (year, quarter, int(round(stored.get((year, quarter), 0))))
        for year in years
        for quarter in QUARTERS
        if quarter_bounds(year, quarter)[0] <= today
    ]


def summary(trend: Trend, points, highlight: str) -> str:
    """The chart in words: its span, its highest quarter and its latest one."""
    if not points:
        return f"{trend.title}: no quarters to show yet."
    span = f"from {_quarter_label(*points[0][:2])} to {_quarter_label(*points[-1][:2])}"
    when = "at the end of each quarter" if trend.kind == "line" else "in each quarter"
    kind = "Line" if trend.kind == "line" else "Column"
    top = max(points, key=lambda point: point[2])
    if not top[2]:
        return f"{kind} chart of {trend.noun} {when} {span}: none in any quarter."
    last = points[-1]
    shaded = f" {highlight.replace('-', '/')} is shaded." if highlight else ""
    return (
        f"{kind} chart of {trend.noun} {when} {span}. The highest was {top[2]:,} in "
        f"{_quarter_label(*top[:2])}; the latest, {_quarter_label(*last[:2])}, was "
        f"{last[2]:,}.{shaded}"
    )


def render(trend: Trend, points, highlight: str, ident: str, text: str) -> str:
    starts = [x for x, (_, quarter, _) in enumerate(points) if quarter == 1]
    step = max(1, math.ceil(len(starts) / MOST_YEAR_LABELS))
    chosen = [x for x, (year, _, _) in enumerate(points) if year == highlight]
    return trend_svg(
        ident=ident,
        title=trend.title,
        desc=text,
        values=[value for _, _, value in points],
        year_starts=[(x, _short_year(points[x][0])) for x in starts[::step]],
        shaded=(chosen[0], chosen[-1]) if chosen else None,
        kind=trend.kind,
    )


def table_rows(points, years: list[str]) -> list[dict]:
    values = {(year, quarter): value for year, quarter, value in points}
    return [
        {
            "year": year.replace("-", "/"),
            "cells": [f"{values[year, q]:,}" if (year, q) in values else "–" for q in QUARTERS],
        }
        for year in years
        if any((year, q) in values for q in QUARTERS)
    ]


def small_multiples(
    series: dict, *, scope: str, years: list[str], topic: str, highlight: str, today: date
) -> list[SmallMultiple]:
    """One chart per trend, from `read.quarterly_series(scope, metrics(topic))`."""
    charts = []
    for trend in TRENDS:
        if topic and trend.by_topic:
            label = Topic(topic).label
            trend = replace(
                trend, title=f"{trend.title}: {label}", noun=f"{trend.noun} on {label.lower()}"
            )
        points = _points(series.get(metric_of(trend, topic), []), years, today)
        ident = f"trend-{scope}-{trend.metric.split('.')[0].replace('_', '-')}"
        text = summary(trend, points, highlight)
        charts.append(
            SmallMultiple(
                id=ident,
                title=trend.title,
                summary=text,
                rows=table_rows(points, years),
                svg=Markup(render(trend, points, highlight, ident, text)),
            )
        )
    return charts
