"""What a region's board pack says for one quarter, read as the person who asked would see it,
turned into plain values for the document. Figures come from the stored rollups (the
dashboards' own), measures from the Making Data Count summary, signals and the project pages
from each measure's chart as it reads now.

The measures are read once (three queries for their data, a few for the summary) and each
analysed once, however many there are: a region has hundreds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from core.fiscal import quarter_bounds, year_named
from learning.access import stories_visible_to
from learning.models import StoryStatus
from measurement import access as measurement_access
from measurement.analysis import analyse_inputs, read_inputs_of
from measurement.charting import chart_spec
from measurement.charts.summary import chart_description
from measurement.models import Measure
from measurement.readings import ASSURANCE_NAMES, VARIATION_NAMES, current_variation
from projects import access as projects_access
from projects.models import Project
from projects.presenters.aim import aim_sentence
from projects.selectors import in_regions
from regions.models import Region, User
from reporting import presenters as present
from reporting.board_packs.signals import QuarterSignal, signals_in
from reporting.mdc_summary import SummaryRow, matrix_of, summary_rows
from reporting.rollups import read

MOST_HIGHLIGHTED = 5
NO_ANALYSIS = "No data has been entered yet."
NOT_ASSESSED = "Not assessed"

# (value key, words) of the headline table, in the programme's order.
HEADLINES = (
    ("people_trained", "People trained"),
    ("projects_started", "QI projects started"),
    ("projects_completed", "QI projects completed"),
    ("organisations_engaged", "Organisations engaged"),
    ("champions_recruited", "Champions, Q fellows and QI experts recruited"),
    ("organisations_adopting", "Organisations that began adopting a change (spread)"),
    ("changes_published", "Changes published in the catalogue"),
    ("stories_published", "Stories published in the archive"),
)


@dataclass(frozen=True)
class Headline:
    label: str
    this_year: str
    last_year: str


@dataclass(frozen=True)
class MeasurePage:
    name: str
    description: str  # the chart in words (its text alternative)
    variation_words: str
    assurance_words: str
    latest: str  # "90% in the week of …", or "No data yet"
    target: str


@dataclass(frozen=True)
class ProjectPage:
    title: str
    status: str
    aim: str
    summary: str
    measures: list[MeasurePage]
    signals: list[QuarterSignal]


@dataclass(frozen=True)
class StoryLine:
    project_id: int
    project_title: str
    published_on: date


@dataclass
class Contents:
    region: str
    period: str  # "Q3 2016/17 (October to December 2016)"
    last_period: str  # the same quarter a year before
    headlines: list[Headline]
    headline_sentences: list[str]
    matrix: object = None  # reporting.mdc_summary.Matrix
    measures_counted: int = 0
    concerns: list[SummaryRow] = field(default_factory=list)
    signals: list[QuarterSignal] = field(default_factory=list)
    spread_sentences: list[str] = field(default_factory=list)
    story_sentences: list[str] = field(default_factory=list)
    stories: list[StoryLine] = field(default_factory=list)
    projects: list[ProjectPage] = field(default_factory=list)


def previous_year(year: str) -> str:
    return year_named(int(year[:4]) - 1)


def _values(region: Region, year: str, quarter: int):
    return present.scope_values(read.flat_figures(region.slug, year, quarter))


def headlines(region: Region, year: str, quarter: int) -> tuple[list[Headline], list[str]]:
    now, before = _values(region, year, quarter), _values(region, previous_year(year), quarter)
    rows = [
        Headline(label, present.shown(now[key]), present.shown(before[key]))
        for key, label in HEADLINES
    ]
    filters = present.Filters(year=year, quarter=quarter, region=region.slug)
    return rows, present.headline_sentences(region.name, now, filters)


def _spread_and_stories(region: Region, year: str, quarter: int) -> tuple[list, list]:
    values = _values(region, year, quarter)
    filters = present.Filters(year=year, quarter=quarter, region=region.slug)
    return present.spread_sentences(values, filters), present.story_sentences(values, filters)


def region_projects(user: User, region: Region):
    return in_regions(projects_access.projects_visible_to(user), [region.pk]).order_by("title")


def published_stories(user: User, region: Region, first: date, last: date) -> list[StoryLine]:
    """Stories of projects the region leads first published in the quarter (as the dashboards
    count them), still published."""
    stories = (
        stories_visible_to(user)
        .filter(
            status=StoryStatus.PUBLISHED,
            project__lead_region=region,
            first_published_at__date__gte=first,
            first_published_at__date__lte=last,
        )
        .select_related("project")
        .order_by("first_published_at", "id")
    )
    return [StoryLine(s.project_id, s.project.title, s.first_published_at.date()) for s in stories]


def _region_measures(user: User, region: Region) -> list[Measure]:
    projects = region_projects(user, region)
    return list(
        measurement_access.measures_visible_to(user)
        .filter(project__in=projects.values("id"))
        .select_related("project")
        .order_by("project__title", "name", "pk")
    )


def default_highlights(signals: list[QuarterSignal], stories: list[StoryLine], projects) -> list:
    """The projects with new signals or stories published in the quarter, at most five."""
    with_news = {s.project_id for s in signals} | {story.project_id for story in stories}
    return list(projects.filter(pk__in=with_news)[:MOST_HIGHLIGHTED])


def _measure_page(measure: Measure, analysis, row: SummaryRow | None) -> MeasurePage:
    """The measure's chart in words and its icons' words, from the chart as it reads now (the
    stored reading may wait for the next refresh)."""
    described = (
        chart_description(analysis, chart_spec(measure, markers=())) if analysis else NO_ANALYSIS
    )
    latest = "No data yet"
    if row and row.latest_value_text:
        latest = f"{row.latest_value_text} on {row.latest_period_text}"
    assurance = analysis.assurance if analysis else None
    return MeasurePage(
        name=measure.name,
        description=described,
        variation_words=VARIATION_NAMES.get(current_variation(analysis), "Not enough data yet"),
        assurance_words=ASSURANCE_NAMES.get(assurance, NOT_ASSESSED) if assurance else NOT_ASSESSED,
        latest=latest,
        target=row.target_text if row else "None",
    )


def project_page(project: Project, measures, analyses, rows, signals) -> ProjectPage:
    return ProjectPage(
        title=project.title,
        status=project.get_status_display(),
        aim=aim_sentence(project),
        summary=project.summary,
        measures=[
            _measure_page(m, analyses.get(m.pk), rows.get(m.pk))
            for m in measures
            if m.project_id == project.pk
        ],
        signals=[s for s in signals if s.project_id == project.pk],
    )


def gather(
    *,
    user: User,
    region: Region,
    year: str,
    quarter: int,
    chosen_ids: list[int],
    step: Callable[[int, str], None] = lambda progress, words: None,
) -> Contents:
    """Everything the pack shows; `step(progress, words)` is told as each part is read."""
    first, last = quarter_bounds(year, quarter)
    step(10, "Reading the headline figures")
    rows, sentences = headlines(region, year, quarter)
    contents = Contents(
        region=region.name,
        period=present.period_label(year, quarter),
        last_period=present.period_label(previous_year(year), quarter),
        headlines=rows,
        headline_sentences=sentences,
    )
    step(25, "Summarising the region's measures")
    measures = _region_measures(user, region)
    summary = summary_rows(
        measurement_access.measures_visible_to(user).filter(pk__in=[m.pk for m in measures])
    )
    contents.matrix = matrix_of(summary)
    contents.measures_counted = len(summary)
    contents.concerns = [row for row in summary if row.concern]
    step(40, "Finding the quarter's new signals")
    inputs = read_inputs_of(measures)
    analyses = {m.pk: _analysed(inputs[m.pk]) for m in measures}
    contents.signals = signals_in(measures, analyses, first, last)
    step(55, "Reading spread and stories")
    contents.spread_sentences, contents.story_sentences = _spread_and_stories(region, year, quarter)
    contents.stories = published_stories(user, region, first, last)
    step(65, "Writing the highlighted projects' pages")
    projects = region_projects(user, region)
    if chosen_ids:
        highlighted = list(projects.filter(pk__in=chosen_ids)[:MOST_HIGHLIGHTED])
    else:
        highlighted = default_highlights(contents.signals, contents.stories, projects)
    by_measure = {row.measure_id: row for row in summary}
    contents.projects = [
        project_page(p, measures, analyses, by_measure, contents.signals) for p in highlighted
    ]
    return contents


def _analysed(inputs):
    try:
        return analyse_inputs(inputs)
    except ValueError:  # settings no rule set can analyse now: no chart to read
        return None
