"""What measurement adds to the project pages (projects.contributions): the measures section of
a project's page, and the portfolio's "Measures now" column."""

from measurement import access
from measurement.models import Measure
from measurement.presenters.measure import assurance_tag, variation_tag
from measurement.readings import VARIATION_NAMES
from projects import access as projects_access
from projects.contributions import PortfolioColumn, Section

MEASURES_SHOWN = 3  # per portfolio row, then "+ 2 more"


def measure_rows(measures) -> list[dict]:
    """Each measure with its current variation and assurance as NHS tags in words."""
    return [
        {
            "measure": m,
            "variation": variation_tag(m.variation) if m.variation else None,
            "assurance": assurance_tag(m.assurance),
        }
        for m in measures
    ]


def measures_section(request, project) -> dict:
    measures = access.measures_visible_to(request.user).filter(project=project)
    return {
        "project": project,
        "measures": measure_rows(measures.order_by("kind", "name")),
        "may_edit": projects_access.can_edit_project(request.user, project),
    }


def measure_lines(project_ids: list[int]) -> dict[int, list[str]]:
    """'AKI incidence: special cause improvement' for each project's first few measures, then
    '+ 2 more': one query for a page of projects."""
    by_project: dict[int, list[tuple[str, str]]] = {}
    rows = (
        Measure.objects.filter(project_id__in=project_ids)
        .order_by("name", "pk")
        .values_list("project_id", "name", "variation")
    )
    for project_id, name, variation in rows:
        by_project.setdefault(project_id, []).append((name, variation))
    return {project_id: _lines(measures) for project_id, measures in by_project.items()}


def _lines(measures: list[tuple[str, str]]) -> list[str]:
    lines = [
        f"{name}: {VARIATION_NAMES.get(variation, variation).lower()}"
        for name, variation in measures[:MEASURES_SHOWN]
    ]
    if len(measures) > MEASURES_SHOWN:
        lines.append(f"+ {len(measures) - MEASURES_SHOWN} more")
    return lines


SECTION = Section("measures", "measurement/_project_measures.jinja", measures_section, order=10)
COLUMN = PortfolioColumn("measures", "Measures now", measure_lines)
