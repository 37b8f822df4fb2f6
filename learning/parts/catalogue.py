"""What this part registers with the pages of the apps below (projects.contributions): a change
idea's page and the change-idea search say which catalogue entry an idea tests, and the search
shows the catalogue's entries matching it first."""

from django.urls import reverse

from learning import access, matching
from learning.models import ChangeLink
from projects.contributions import ChangeIdeaLinks, Link, add_change_idea_links

MATCHES_SHOWN = 5


def links(request, idea_ids: list[int]) -> dict[int, Link]:
    rows = ChangeLink.objects.filter(
        change_idea_id__in=idea_ids, entry__in=access.changes_visible_to(request.user)
    ).values_list("change_idea_id", "entry__name", "entry__slug")
    return {
        idea_id: Link("Tests this change", name, reverse("learning:change_detail", args=[slug]))
        for idea_id, name, slug in rows
    }


def matches(request, query: str) -> list[Link]:
    if not query.strip():
        return []
    entries = matching.entries_like(
        query, access.changes_visible_to(request.user), limit=MATCHES_SHOWN
    )
    return [Link("In the catalogue", e.name, e.get_absolute_url()) for e in entries]


def action(request, idea) -> Link | None:
    if not access.can_link_change_idea(request.user, idea):
        return None
    text = (
        "Link to another catalogue entry" if links(request, [idea.pk]) else "Link to the catalogue"
    )
    return Link("", text, reverse("learning:change_idea_link", args=[idea.pk]))


add_change_idea_links(ChangeIdeaLinks("catalogue", links, matches, action))
