"""Display values for a measure's page: chart summary, icons in words, data table, history."""

from collections import defaultdict

from measurement import access, spc
from measurement.analysis import analyse_measure
from measurement.charting import chart_spec, note_markers
from measurement.charts.summary import text_summary
from measurement.charts.table import data_table, table_headers
from measurement.models import DataPoint, DataType, Measure
from measurement.note_forms import PointNoteForm
from measurement.presenters.chart import chart_figure, target_text
from measurement.presenters.notes import numbered_notes
from measurement.presenters.phases import phases_context
from measurement.readings import ASSURANCE_NAMES, VARIATION_NAMES
from measurement.services.events import days_since_last_event
from measurement.spc.codes import Assurance, Variation

VARIATION_TAGS = {
    Variation.IMPROVEMENT: "nhsuk-tag--blue",
    Variation.CONCERN: "nhsuk-tag--orange",
    Variation.NEUTRAL_HIGH: "nhsuk-tag--purple",
    Variation.NEUTRAL_LOW: "nhsuk-tag--purple",
    Variation.COMMON_CAUSE: "nhsuk-tag--grey",
}


def variation_tag(variation: str) -> dict:
    return {
        "text": VARIATION_NAMES.get(variation, variation),
        "classes": VARIATION_TAGS.get(variation, "nhsuk-tag--white"),
    }


def assurance_tag(assurance: str) -> dict | None:
    if not assurance:
        return None
    colour = {Assurance.CONSISTENT_PASS: "blue", Assurance.CONSISTENT_FAIL: "orange"}.get(
        assurance, "grey"
    )
    return {"text": ASSURANCE_NAMES[assurance], "classes": f"nhsuk-tag--{colour}"}


def _corrections(measure: Measure, limit: int = 20) -> list[dict]:
    """Changes to values already entered, newest first: who, when, the old and new value."""
    changed = list(
        DataPoint.history.filter(measure_id=measure.pk, history_type="~")
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    timeline = defaultdict(list)
    for record in DataPoint.history.filter(id__in={r.id for r in changed}).order_by("history_date"):
        timeline[record.id].append(record)
    rows = []
    for record in changed:
        earlier = [r for r in timeline[record.id] if r.history_date < record.history_date]
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user or "System",
                "period": record.period,
                "old": _shown(earlier[-1] if earlier else None),
                "new": _shown(record),
            }
        )
    return rows


def _shown(point) -> str:
    if point is None:
        return "–"
    if point.value is not None:
        return f"{point.value:g}"
    return f"{point.numerator:g} / {point.denominator:g}"


def measure_page_context(request, measure: Measure) -> dict:
    analysis = analyse_measure(measure)
    spec = chart_spec(measure, notes=note_markers(measure))
    harm = spc.harm_avoided(analysis) if analysis else None
    return {
        "measure": measure,
        "project": measure.project,
        "analysis": analysis,
        "summary": text_summary(analysis, spec) if analysis else "No data has been entered yet.",
        "chart": chart_figure(measure, analysis, spec),
        "target_text": target_text(measure),
        "headers": table_headers(analysis, spec) if analysis else [],
        "rows": data_table(analysis, spec) if analysis else [],
        "variation": variation_tag(measure.variation) if measure.variation else None,
        "assurance": assurance_tag(measure.assurance),
        "harm": harm,
        **phases_context(
            request, measure, analysis, access.can_edit_measure(request.user, measure)
        ),
        "corrections": _corrections(measure),
        "days_since_event": days_since_last_event(measure)
        if measure.data_type == DataType.EVENTS
        else None,
        "may_edit": access.can_edit_measure(request.user, measure),
        **_notes_section(request, measure),
    }


def _notes_section(request, measure: Measure) -> dict:
    """The "Notes on points" section: the numbered notes, and a form for those who may add."""
    may_add = access.can_edit_measure(request.user, measure)
    return {
        "point_notes": numbered_notes(measure),
        "note_form": PointNoteForm(measure=measure) if may_add else None,
    }
