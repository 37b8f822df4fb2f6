"""What the apps built on projects add to its pages.

projects may not import the apps above it (ADR 0007), yet its pages show their work: a project's
measures and what their charts say now, its results and learning. Those apps register here, in
their AppConfig.ready(), and the project pages ask:

- a **section** of the project page: `template` rendered with `context(request, project)`;
- a **portfolio column**: `cells(project_ids)` gives, for one page of rows in a single query,
  each project's lines (a project without any shows `empty`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from markupsafe import Markup


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable  # (request, project) -> dict
    order: int = 100


@dataclass(frozen=True)
class PortfolioColumn:
    key: str
    heading: str
    cells: Callable  # (list of project ids) -> {project id: [line, ...]}
    empty: str = "None yet"
    order: int = 100


_sections: dict[str, Section] = {}
_columns: dict[str, PortfolioColumn] = {}


def add_section(section: Section) -> None:
    _sections[section.key] = section


def add_portfolio_column(column: PortfolioColumn) -> None:
    _columns[column.key] = column


def sections(request, project) -> list[Markup]:
    """The registered sections of `project`'s page, rendered, in order."""
    ordered = sorted(_sections.values(), key=lambda section: section.order)
    return [
        Markup(render_to_string(s.template, s.context(request, project), request)) for s in ordered
    ]


def portfolio_columns() -> list[PortfolioColumn]:
    return sorted(_columns.values(), key=lambda column: column.order)
