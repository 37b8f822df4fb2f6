"""Each shared measure on the results page: every team's chart as small multiples on one scale,
with its Making Data Count icons and words, and the collaborative's own chart (pooled Σ/Σ for
proportions and rates, the median of the teams otherwise) with sessions and action periods.

Three queries for all shared measures and all teams: the shared measures, the teams' measures
of them, and their data points.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from django.core.cache import cache
from markupsafe import Markup

from core.wording import long_date
from learning import collaborative
from learning.models import Programme, ProgrammeMember, SharedMeasure
from learning.presenters.results_icons import icons_of
from learning.presenters.results_words import (
    assurance_of,
    collaborative_summary,
    how_words,
    key_words,
    table_headers,
    table_rows,
    team_summary,
    variation_of,
)
from learning.results_svg import Frame, PlotPoint, collaborative_svg, frame_for, small_multiple_svg
from measurement import spc
from measurement.models import DataPoint, Measure, StandardMeasure

# Drawing nine teams' year of weekly data for three measures took ~100 ms (Dec 2026); the
# sections are kept until something they are drawn from changes. Bump the version when the
# sections' shape changes.
CACHE_VERSION = 1
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class TeamChart:
    team: str
    region: str
    project_href: str
    measure_href: str | None
    svg: Markup | None
    icons: list[dict]  # {"svg", "words"}: variation, then assurance where assessed
    rows: list[dict]  # {"period", "value", "counts"}
    summary: str


@dataclass(frozen=True)
class MeasureSection:
    ident: str
    name: str
    standard_href: str
    is_mandatory: bool
    data_type: str
    how: str  # how the collaborative's figure is made, in words
    key: str  # how to read its chart
    unit: str
    teams: list[TeamChart]
    chart: Markup | None
    narrow_chart: Markup | None  # the same, drawn for a phone's width
    chart_summary: str
    icons: list[dict]
    headers: list[str]
    rows: list[list[str]]


def _display(standard: StandardMeasure, value: float | None) -> float | None:
    return None if value is None else value * (standard.multiplier or 1)


def _read(programme: Programme, members: list[ProgrammeMember]):
    shared = list(
        SharedMeasure.objects.filter(programme=programme)
        .select_related("standard")
        .order_by("position", "id")
    )
    measures = list(
        Measure.objects.filter(
            project__in=[m.project_id for m in members],
            standard__in=[s.standard_id for s in shared],
        ).order_by("project", "pk")
    )
    return shared, measures


def _observations(measures: list[Measure]) -> dict[int, list[spc.Observation]]:
    observations = defaultdict(list)
    for measure_id, *row in (
        DataPoint.objects.filter(measure__in=[m.pk for m in measures])
        .order_by("measure", "period")
        .values_list("measure_id", "period", "value", "numerator", "denominator")
    ):
        observations[measure_id].append(spc.Observation(*row))
    return observations


def _cache_key(programme, members, calendar, shared, measures) -> str:
    """Everything the charts are drawn from but the data points, whose changes each bump their
    measure's data_version: the teams, the calendar, the standards and the teams' measures."""
    drawn_from = (
        programme.end_date,
        [(m.pk, m.project_id, m.project.title, m.project.lead_region.name, m.left_on)
         for m in members],
        calendar.markers,
        calendar.bands,
        [(s.pk, s.is_mandatory, s.standard_id, s.standard.name, s.standard.slug,
          s.standard.data_type, s.standard.improvement, s.standard.unit,
          s.standard.multiplier) for s in shared],
        [(m.pk, m.project_id, m.standard_id, m.data_version, m.name, m.variation,
          m.assurance, m.improvement) for m in measures],
    )  # fmt: skip
    digest = hashlib.sha256(repr(drawn_from).encode()).hexdigest()[:32]
    return f"learning:results:{CACHE_VERSION}:{programme.pk}:{digest}"


def measure_sections(programme, members, calendar) -> list[MeasureSection]:
    """The sections, from the cache while nothing they are drawn from has changed."""
    shared, measures = _read(programme, members)
    key = _cache_key(programme, members, calendar, shared, measures)
    sections = cache.get(key)
    if sections is None:
        sections = _sections(programme, members, calendar, shared, measures)
        cache.set(key, sections, CACHE_SECONDS)
    return sections


def _counted_until(programme, member):
    """The last day a team's data counts for the collaborative: when it left, or when the
    programme ended (a team may go on measuring; the collaborative's chart stops)."""
    days = [day for day in (member.left_on, programme.end_date) if day is not None]
    return min(days) if days else None


def _sections(programme, members, calendar, shared, measures) -> list[MeasureSection]:
    observations = _observations(measures)
    by_team = {}
    for measure in measures:  # a team with two measures of one standard: its first counts
        by_team.setdefault((measure.project_id, measure.standard_id), measure)
    sections = []
    for number, item in enumerate(shared, start=1):
        standard = item.standard
        team_measures = [(m, by_team.get((m.project_id, standard.pk))) for m in members]
        series = {
            member.pk: collaborative.TeamSeries(
                member.project.title,
                tuple(observations[measure.pk]) if measure else (),
                until=_counted_until(programme, member),
            )
            for member, measure in team_measures
        }
        sections.append(_section(f"measure-{number}", item, team_measures, series, calendar))
    return sections


def _section(ident, item, team_measures, series, calendar) -> MeasureSection:
    standard = item.standard
    points = collaborative.collaborative_series(standard.data_type, list(series.values()))
    analysis = _analyse(standard, points)
    team_values = {
        key: [
            (o.period, _display(standard, collaborative.team_value(o, standard.data_type)))
            for o in s.observations
        ]
        for key, s in series.items()
    }
    team_values = {k: [(d, v) for d, v in pts if v is not None] for k, pts in team_values.items()}
    plotted = _plot_points(standard, points, analysis)
    frame = _frame(standard, team_values, plotted, calendar)
    teams = [
        _team_chart(f"{ident}-team-{n}", member, measure, team_values[member.pk], frame, calendar)
        for n, (member, measure) in enumerate(team_measures, start=1)
    ]
    summary = collaborative_summary(standard, points, plotted, frame, analysis, calendar)
    return MeasureSection(
        ident=ident,
        name=standard.name,
        standard_href=standard.get_absolute_url(),
        is_mandatory=item.is_mandatory,
        data_type=standard.data_type,
        how=how_words(standard),
        key=key_words(analysis),
        unit=standard.unit,
        teams=teams,
        chart=_chart(ident, standard, summary, plotted, frame, calendar, narrow=False),
        narrow_chart=_chart(ident, standard, summary, plotted, frame, calendar, narrow=True),
        chart_summary=summary,
        icons=icons_of(variation_of(analysis), assurance_of(analysis), standard.improvement),
        headers=table_headers(standard),
        rows=table_rows(standard, points, plotted, frame),
    )


def _chart(ident, standard, summary, plotted, frame, calendar, *, narrow: bool):
    if not plotted:
        return None
    svg = collaborative_svg(
        ident=f"{ident}-collaborative{'-narrow' if narrow else ''}",
        title=f"{standard.name}: the collaborative",
        desc=summary,
        points=plotted,
        frame=frame,
        sessions=calendar.markers,
        bands=calendar.bands,
        narrow=narrow,
    )
    return Markup(svg)


def _analyse(standard, points) -> spc.Analysis | None:
    if len(points) < 2:
        return None
    chart, rules = collaborative.spc_chart(standard.data_type)
    settings = spc.MeasureSettings(
        chart=chart, rules=rules, data_type=standard.data_type, improvement=standard.improvement
    )
    try:
        return spc.analyse(settings, collaborative.as_observations(points, standard.data_type))
    except ValueError:  # data the chart cannot read: drawn without centre line or limits
        return None


SIGNALS = {
    "special_cause_improvement": "improvement",
    "special_cause_concern": "concern",
    "special_cause_neutral_high": "neutral",
    "special_cause_neutral_low": "neutral",
}


def _plot_points(standard, points, analysis) -> list[PlotPoint]:
    if analysis is None:
        return [PlotPoint(p.period, _display(standard, p.value)) for p in points]
    plotted = []
    for point in analysis.points:
        signal = SIGNALS.get(point.point_type or "", "")
        if not signal and point.signals and analysis.settings.rules != "mdc":
            signal = "neutral"
        plotted.append(
            PlotPoint(
                point.period,
                _display(standard, point.value),
                _display(standard, point.centre),
                _display(standard, point.lower),
                _display(standard, point.upper),
                signal,
            )
        )
    return plotted


def _frame(standard, team_values, plotted, calendar) -> Frame:
    days = [d for values in team_values.values() for d, _ in values]
    days += [p.period for p in plotted]
    if days:  # the sessions inside the data's span or just beyond, not a year away
        days += [s.day for s in calendar.markers]
    values = [v for values in team_values.values() for _, v in values]
    values += [p.value for p in plotted] + [p.upper for p in plotted if p.upper is not None]
    if standard.data_type == "proportion" and standard.unit == "%":
        values = [min(v, 100.0) for v in values]
    return frame_for(days, values, "%" if standard.unit == "%" else "")


def _team_chart(ident, member, measure, values, frame, calendar) -> TeamChart:
    project = member.project
    region = project.lead_region.name
    if measure is None:
        return TeamChart(project.title, region, project.get_absolute_url(), None, None, [], [],
                         "This team has no measure of this standard yet.")  # fmt: skip
    centre = median([v for _, v in values]) if values else None
    summary = team_summary(project.title, values, frame, centre, measure)
    svg = small_multiple_svg(
        ident=ident,
        title=f"{measure.name} at {project.title}",
        desc=summary,
        points=values,
        frame=frame,
        sessions=[s.day for s in calendar.markers],
        centre=centre,
    )
    return TeamChart(
        team=project.title,
        region=region,
        project_href=project.get_absolute_url(),
        measure_href=measure.get_absolute_url(),
        svg=Markup(svg) if values else None,
        icons=icons_of(measure.variation, measure.assurance, measure.improvement),
        rows=[{"period": long_date(d), "value": frame.label(v)} for d, v in values],
        summary=summary,
    )
