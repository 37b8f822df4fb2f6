"""Display values for the portfolio, the change idea search and the home page's project lists.

Rows arrive annotated by `projects.filters` (latest decision, counts); this module only turns them
into the strings, links and tag parameters the templates print.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from core.wording import long_date, plural
from projects import contributions
from projects.models import ChangeIdea, PDSADecision, Project, ProjectStatus
from projects.presenters.project import decision_tag, status_tag

NO_DECISION = "No decision yet"


@dataclass(frozen=True)
class Decision:
    tag: dict | None  # NHS tag parameters, or None before any cycle is decided
    text: str  # "Adapt", or "No decision yet"
    on: str  # "14 July 2016", or ""


@dataclass(frozen=True)
class PortfolioRow:
    title: str
    href: str
    regions: str
    topic: str
    status: dict
    status_since: str
    progress_score: str
    decision: Decision
    extra_cells: list["ExtraCell"]


@dataclass(frozen=True)
class ExtraCell:
    """A cell of a column another app adds (projects.contributions.PortfolioColumn)."""

    heading: str
    lines: list[str]
    empty: str


@dataclass(frozen=True)
class ChangeIdeaRow:
    text: str
    href: str
    project_title: str
    project_href: str
    lead_region: str
    cycles: str
    decision: Decision


def newest_caption(shown: int, total: int) -> str:
    """'Newest 10 of 37 projects', or '4 projects' when all are shown."""
    if shown < total:
        return f"Newest {shown} of {plural(total, 'project')}"
    return plural(total, "project")


def regions_text(lead_region: str, others: int) -> str:
    """'Wessex', 'Wessex and 1 other', 'Wessex and 3 others'."""
    if not others:
        return lead_region
    return f"{lead_region} and {others} other{'' if others == 1 else 's'}"


def decision(value: str, on) -> Decision:
    if not value:
        return Decision(tag=None, text=NO_DECISION, on="")
    label = PDSADecision(value).label
    return Decision(tag=decision_tag(value, label), text=label, on=long_date(on))


def portfolio_row(project: Project, extra_cells=()) -> PortfolioRow:
    """One row from a project annotated by `projects.selectors.with_portfolio_columns`."""
    score = project.progress_score
    return PortfolioRow(
        title=project.title,
        href=project.get_absolute_url(),
        regions=regions_text(project.lead_region.name, project.other_region_count),
        topic=project.get_topic_display(),
        status=status_tag(project.status, project.get_status_display()),
        status_since=f"Since {long_date(project.status_since)}",
        progress_score=f"{score:.1f}" if score is not None else "Not scored",
        decision=decision(project.latest_decision, project.latest_decision_on),
        extra_cells=extra_cells,
    )


def portfolio_rows(projects) -> list[PortfolioRow]:
    """The rows of one page, with the columns other apps add (one query per column)."""
    projects = list(projects)
    ids = [project.pk for project in projects]
    columns = [(column, column.cells(ids)) for column in contributions.portfolio_columns()]
    return [
        portfolio_row(
            project,
            extra_cells=[
                ExtraCell(column.heading, lines.get(project.pk, []), column.empty)
                for column, lines in columns
            ],
        )
        for project in projects
    ]


def change_idea_row(idea: ChangeIdea) -> ChangeIdeaRow:
    """One row from an idea annotated by `projects.selectors.change_ideas_of`."""
    project = idea.project
    return ChangeIdeaRow(
        text=idea.text,
        href=reverse("projects:change_idea_detail", args=[project.pk, idea.pk]),
        project_title=project.title,
        project_href=project.get_absolute_url(),
        lead_region=project.lead_region.name,
        cycles=plural(idea.cycle_count, "cycle") if idea.cycle_count else "None yet",
        decision=decision(idea.latest_decision, idea.latest_decision_on),
    )


def change_idea_rows(ideas) -> list[ChangeIdeaRow]:
    return [change_idea_row(idea) for idea in ideas]


def portfolio_href(**filters) -> str:
    query = urlencode({key: value for key, value in filters.items() if value})
    return reverse("projects:portfolio") + (f"?{query}" if query else "")


def status_counts(counted: Iterable[dict]) -> list[dict]:
    """Every status in lifecycle order, zeros included, from rows like
    {"status": "active", "count": 12}, each linking to the portfolio filtered by it."""
    counts = {row["status"]: row["count"] for row in counted}
    return [
        {
            "label": status.label,
            "count": f"{counts.get(status.value, 0):,}",
            "href": portfolio_href(status=status.value),
        }
        for status in ProjectStatus
    ]


def regions_heading(regions) -> str:
    """'Projects in Wessex', or 'Projects in your regions' for a lead of several."""
    return f"Projects in {regions[0].name}" if len(regions) == 1 else "Projects in your regions"


def region_links(regions, total: int) -> list[dict]:
    """Links from the home page to each led region's full portfolio."""
    if len(regions) == 1:
        text = f"See all {plural(total, 'project')} in {regions[0].name}"
        return [{"text": text, "href": portfolio_href(region=regions[0].slug)}]
    return [
        {"text": f"See all projects in {region.name}", "href": portfolio_href(region=region.slug)}
        for region in regions
    ]
