"""A programme's results: every signed-in user reads them (learning.access)."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from core.lookup import visible_or_404
from learning import access
from learning.presenters.results import results_context


def _link(name: str, *args) -> str | None:
    """Another part's page, if it is there (the parts are built side by side)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _tabs(programme) -> list:
    try:
        from learning.navigation import programme_tabs
    except ImportError:
        return []
    return programme_tabs(programme, "programme_results")


def _breadcrumbs(programme) -> list[dict]:
    crumbs = [{"text": "Home", "href": reverse("home")}]
    listing = _link("learning:programme_list")
    if listing:
        crumbs.append({"text": "Programmes", "href": listing})
    detail = _link("learning:programme_detail", programme.slug)
    if detail:
        crumbs.append({"text": programme.name, "href": detail})
    return crumbs


@require_safe  # a page to read: nothing here is written
def programme_results(request, slug: str):
    programme = visible_or_404(
        access.programmes_visible_to(request.user),
        f"There is no programme with the slug “{slug}”.",
        slug=slug,
    )
    context = results_context(programme)
    context.update(tabs=_tabs(programme), breadcrumbs=_breadcrumbs(programme))
    return render(request, "learning/results/programme_results.jinja", context)
