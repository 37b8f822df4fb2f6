"""The portfolio of projects and the search across every project's change ideas."""

from django.core.paginator import Paginator
from django.shortcuts import render

from core.wording import plural
from projects import access, contributions
from projects.filters import ChangeIdeaFilter, ProjectFilter
from projects.presenters.portfolio import change_idea_rows, portfolio_rows
from projects.selectors import change_ideas_of, organisation_suggestions, with_portfolio_columns
from regions import access as regions_access

PROJECTS_PER_PAGE = 25
IDEAS_PER_PAGE = 25


def _query_string(request) -> str:
    """The filters, without the page number, for the pagination links to keep."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def portfolio(request):
    filterset = ProjectFilter(
        request.GET, queryset=access.projects_visible_to(request.user), request=request
    )
    projects = with_portfolio_columns(filterset.qs)
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/portfolio.jinja",
        {
            "filter": filterset,
            "page": page,
            "rows": portfolio_rows(page.object_list),
            "caption": plural(page.paginator.count, "project"),
            "query_string": _query_string(request),
            "may_create": access.can_create_project(request.user),
        },
    )


def organisation_options(request):
    """The organisation filter's suggestions as you type: <option>s for its <datalist>."""
    organisations = organisation_suggestions(
        regions_access.organisations_visible_to(request.user), request.GET.get("organisation", "")
    )
    return render(request, "projects/_organisation_options.jinja", {"organisations": organisations})


def change_idea_search(request):
    ideas = change_ideas_of(access.projects_visible_to(request.user))
    filterset = ChangeIdeaFilter(request.GET, queryset=ideas)
    page = Paginator(filterset.qs, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    # What the apps above add (projects.contributions): the catalogue entries matching the
    # search, shown first, and the entry each idea tests.
    links = contributions.change_idea_links(request, [idea.pk for idea in page.object_list])
    return render(
        request,
        "projects/change_idea_search.jinja",
        {
            "filter": filterset,
            "page": page,
            "rows": change_idea_rows(page.object_list),
            "row_links": [links.get(idea.pk, []) for idea in page.object_list],
            "catalogue": contributions.change_idea_matches(request, request.GET.get("q", "")),
            "caption": plural(page.paginator.count, "change idea"),
            "query_string": _query_string(request),
        },
    )
