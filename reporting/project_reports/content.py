"""What a project's report says, read in a fixed number of queries however many measures,
cycles or notes the project has.

The words are the pages' own: the aim as the project page writes it, variation and assurance as
the results page says them, impact statements from learning.impacts, decisions as the PDSA
pages name them. Charts are the measure pages' drawings (the same cache keys, so a chart drawn
for a page is not drawn again for the report).
"""

from __future__ import annotations

import base64
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from core.wording import long_date
from learning.impacts import impacts_of
from learning.models import ProjectLearning, ReportedOutcome
from learning.presenters.results_icons import icons_of, reading_words
from learning.presenters.stories import learning_rows, outcome_rows
from measurement import access as measurement_access
from measurement import spc
from measurement.analysis import analyse_inputs, read_inputs_of
from measurement.charting import CACHE_SECONDS, chart_key, chart_spec
from measurement.charts.render import render_svg
from measurement.charts.spec import NoteMarker, PdsaMarker
from measurement.charts.summary import chart_description
from measurement.models import Measure, PointNote
from measurement.presenters.chart import target_text
from measurement.presenters.notes import FORMER_USER
from measurement.readings import current_variation
from projects.models import PDSACycle, Project, ProjectStatus
from projects.presenters.aim import aim_sentence
from projects.presenters.diagram import diagram_context
from projects.presenters.pdsa import ramp

logger = logging.getLogger(__name__)

NO_CHART = "This chart cannot be drawn from its stored settings or data."
NO_DATA = "No data has been entered yet."


@dataclass
class MeasureSection:
    measure: Measure
    chart_src: str  # a data: URL of the SVG, or "" when there is nothing to draw
    chart_alt: str
    readings: str  # 'Variation: special cause improvement. Assurance: …'
    target: str
    icons: list[dict] = field(default_factory=list)  # Making Data Count icons, each with words
    impacts: list[str] = field(default_factory=list)


@dataclass
class Ramp:
    idea: str
    cycles: list[dict]


def report_context(user, project: Project) -> dict:
    """Everything the report's template reads for `project`, as `user` may see it."""
    cycles = list(
        PDSACycle.objects.filter(project=project)
        .select_related("change_idea", "owner")
        .order_by("start_date", "id")
    )
    learning = ProjectLearning.objects.filter(project=project).first()
    diagram = diagram_context(project, heading_level=3)
    return {
        "project": project,
        "aim": aim_sentence(project),
        "status": project.get_status_display(),
        "status_since": long_date(project.status_since),
        "organisations": list(project.organisations.select_related("region").order_by("name")),
        "participating_regions": list(project.participating_regions.order_by("name")),
        "diagram": diagram,
        "diagram_src": _data_url(str(diagram["svg"]).encode()),
        "measures": measure_sections(user, project, cycles),
        "ramps": ramps(cycles),
        "learning": learning_rows(learning),
        "has_learning": learning is not None and not learning.is_empty,
        "outcomes": outcome_rows(ReportedOutcome.objects.filter(project=project)),
        "produced_on": long_date(timezone.localdate()),
        "long_date": long_date,
    }


def ramps(cycles: list[PDSACycle]) -> list[Ramp]:
    """Each change idea's cycles in ramp order (each after the one it follows), ideas in the
    order their first cycle began."""
    by_idea: dict[int, list[PDSACycle]] = defaultdict(list)
    for cycle in cycles:
        by_idea[cycle.change_idea_id].append(cycle)
    return [
        Ramp(
            idea=ideas[0].change_idea.text,
            cycles=[
                {
                    "step": step,
                    "title": cycle.title,
                    "objective": cycle.objective,
                    "status": cycle.get_status_display(),
                    "dates": _dates(cycle),
                    "decision": cycle.get_decision_display() if cycle.decision else "",
                    "results": cycle.results,
                    "next_steps": cycle.next_steps,
                }
                for step, cycle in enumerate(ramp(ideas), start=1)
            ],
        )
        for ideas in by_idea.values()
    ]


def _dates(cycle: PDSACycle) -> str:
    if cycle.end_date:
        return f"{long_date(cycle.start_date)} to {long_date(cycle.end_date)}"
    return f"From {long_date(cycle.start_date)}"


def measure_sections(user, project: Project, cycles: list[PDSACycle]) -> list[MeasureSection]:
    """Each measure the user may see, with its chart, readings and impacts: three queries for
    every measure's data, one for their notes."""
    measures = list(
        measurement_access.measures_visible_to(user)
        .filter(project=project)
        .order_by("kind", "name", "pk")
    )
    if not measures:
        return []
    markers = tuple(
        PdsaMarker(number=n, start=cycle.start_date, title=cycle.title)
        for n, cycle in enumerate(cycles, start=1)
    )
    notes = _note_markers(measures)
    inputs = read_inputs_of(measures)
    end = _end_day(project)
    specs = {m.pk: chart_spec(m, markers, notes[m.pk]) for m in measures}
    keys = {m.pk: chart_key(m, "svg", False, markers, notes[m.pk]) for m in measures}
    drawn = cache.get_many(list(keys.values()))
    sections = []
    for measure in measures:
        try:
            analysis = analyse_inputs(inputs[measure.pk])
        except (spc.InvalidSettings, spc.InvalidData) as error:
            logger.warning("No chart in the report for measure %s: %s", measure.pk, error)
            sections.append(_section(measure, "", NO_CHART))
            continue
        events = [event.date for event in inputs[measure.pk].events]
        impacts = impacts_of(
            analysis,
            name=measure.name,
            multiplier=measure.multiplier,
            unit=measure.unit,
            event_dates=events,
            end=end,
        )
        if analysis is None:
            sections.append(_section(measure, "", NO_DATA))
            continue
        spec = specs[measure.pk]
        svg = drawn.get(keys[measure.pk])
        if svg is None:
            svg = render_svg(analysis, spec)
            cache.set(keys[measure.pk], svg, CACHE_SECONDS)
        alt = (
            f"{measure.get_chart_display()} of {measure.name}. {chart_description(analysis, spec)}"
        )
        section = _section(measure, _data_url(svg), alt, analysis)
        section.impacts = [impact.statement for impact in impacts]
        sections.append(section)
    return sections


def _section(
    measure: Measure, src: str, alt: str, analysis: spc.Analysis | None = None
) -> MeasureSection:
    """The readings are the chart's own (as the refresh stores them), never a stale copy."""
    variation = current_variation(analysis) if analysis else measure.variation
    assurance = (analysis.assurance or "") if analysis else measure.assurance
    return MeasureSection(
        measure=measure,
        chart_src=src,
        chart_alt=alt,
        readings=reading_words(variation, assurance),
        icons=[
            {
                "key": icon["key"],
                "words": icon["words"],
                "src": _data_url(str(icon["svg"]).encode()),
            }
            for icon in icons_of(variation, assurance, measure.improvement)
            if icon["svg"]
        ],
        target=target_text(measure),
    )


def _note_markers(measures: list[Measure]) -> dict[int, tuple[NoteMarker, ...]]:
    """Each measure's notes numbered in period order, as the measure page numbers them
    (measurement.presenters.notes), in one query for them all."""
    found: dict[int, list[NoteMarker]] = {m.pk: [] for m in measures}
    notes = (
        PointNote.objects.filter(measure__in=list(found))
        .select_related("created_by")
        .order_by("measure", "period", "created_at", "pk")
    )
    for note in notes:
        numbered = found[note.measure_id]
        numbered.append(
            NoteMarker(
                number=len(numbered) + 1,
                period=note.period,
                text=note.text,
                by=_name(note.created_by),
                on=note.created_at.date(),
            )
        )
    return {pk: tuple(markers) for pk, markers in found.items()}


def _name(user) -> str:
    if user is None:
        return FORMER_USER
    return user.get_full_name() or user.username


def _end_day(project: Project):
    if project.status == ProjectStatus.COMPLETED and project.completed_on:
        return project.completed_on
    return timezone.localdate()


def _data_url(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
