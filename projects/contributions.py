"""What the apps built on projects add to its pages.

projects may not import the apps above it (ADR 0007), yet its pages show their work: a project's
measures and what their charts say now, its results and learning. Those apps register here, in
their AppConfig.ready(), and the project pages ask:

- a **section** of the project page: `template` rendered with `context(request, project)`;
- a **portfolio column**: `cells(project_ids)` gives, for one page of rows in a single query,
  each project's lines (a project without any shows `empty`);
- **change idea links** (the catalogue of changes): `links(request, idea_ids)` gives, in one
  query, what each idea tests ({idea id: Link}); `matches(request, query)` the catalogue's
  entries matching a search of change ideas; `action(request, idea)` the link a user may follow
  to link the idea.
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


@dataclass(frozen=True)
class Link:
    """Somewhere a change idea leads: 'Tests this change: Safety huddle'."""

    label: str
    text: str
    href: str


@dataclass(frozen=True)
class ChangeIdeaLinks:
    key: str
    links: Callable  # (request, list of idea ids) -> {idea id: Link}
    matches: Callable  # (request, search words) -> [Link, ...], best first
    action: Callable  # (request, idea) -> Link | None


_sections: dict[str, Section] = {}
_columns: dict[str, PortfolioColumn] = {}
_idea_links: dict[str, ChangeIdeaLinks] = {}


def add_section(section: Section) -> None:
    _sections[section.key] = section


def add_portfolio_column(column: PortfolioColumn) -> None:
    _columns[column.key] = column


def add_change_idea_links(provider: ChangeIdeaLinks) -> None:
    _idea_links[provider.key] = provider


def change_idea_links(request, idea_ids: list[int]) -> dict[int, list[Link]]:
    """Where each idea leads, from every registered provider (a query per provider)."""
    found: dict[int, list[Link]] = {}
    for provider in _idea_links.values():
        for idea_id, link in provider.links(request, idea_ids).items():
            found.setdefault(idea_id, []).append(link)
    return found


def change_idea_matches(request, query: str) -> list[Link]:
    return [link for p in _idea_links.values() for link in p.matches(request, query)]


def change_idea_actions(request, idea) -> list[Link]:
    return [link for p in _idea_links.values() if (link := p.action(request, idea)) is not None]


def sections(request, project) -> list[Markup]:
    """The registered sections of `project`'s page, rendered, in order."""
    ordered = sorted(_sections.values(), key=lambda section: section.order)
    return [
        Markup(render_to_string(s.template, s.context(request, project), request)) for s in ordered
    ]


def portfolio_columns() -> list[PortfolioColumn]:
    return sorted(_columns.values(), key=lambda column: column.order)
