"""Linking a project's change idea to the catalogue (to an entry it tests, or promoted to a new
one), and a programme's change package."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.lookup import refuse_unless, visible_or_404
from learning import access, matching
from learning.forms.catalogue import LinkForm, PackageAddForm, PromoteForm
from learning.models import Programme
from learning.services import catalogue as services
from learning.views.catalogue import saved
from projects import access as projects_access
from projects.models import ChangeIdea


def _linkable_idea(request, idea_pk: int) -> ChangeIdea:
    idea = visible_or_404(
        projects_access.change_ideas_visible_to(request.user).select_related(
            "project__lead_region", "catalogue_link__entry"
        ),
        f"There is no change idea with the id {idea_pk}.",
        pk=idea_pk,
    )
    refuse_unless(
        access.can_link_change_idea(request.user, idea),
        "Only leads of the project's regions, leads of its programmes and national admins "
        f"can link “{idea.text}” to the catalogue.",
    )
    return idea


def _entries_for(request, idea: ChangeIdea) -> list:
    """Every entry the user sees, those most like the idea first."""
    entries = access.changes_visible_to(request.user)
    similar = matching.entries_like(matching.idea_text(idea), entries, limit=None)
    for entry in similar:
        entry.is_similar = True
    similar_ids = {entry.pk for entry in similar}
    return similar + [e for e in entries.order_by("name") if e.pk not in similar_ids]


def change_idea_link(request, idea_pk):
    idea = _linkable_idea(request, idea_pk)
    entries = _entries_for(request, idea)
    action = request.POST.get("action")
    link_form = LinkForm(request.POST if action == "link" else None, entries=entries)
    promote_form = PromoteForm(
        request.POST if action == "promote" else None,
        user=request.user,
        initial={
            "name": idea.text,
            "description": idea.description or idea.text,
            "owner": f"region-{idea.project.lead_region_id}",
        },
    )
    if action == "link" and link_form.is_valid():
        entry = link_form.cleaned_data["entry"]
        if saved(
            link_form,
            lambda: services.change_idea_link(by=request.user, idea=idea, entry=entry),
        ):
            messages.success(request, f"“{idea.text}” now tests “{entry.name}”.")
            return redirect(entry)
    if action == "promote" and promote_form.is_valid():
        arguments = promote_form.service_arguments()
        entry = saved(
            promote_form,
            lambda: services.change_idea_promote(by=request.user, idea=idea, **arguments),
        )
        if entry is not None:
            messages.success(
                request, f"“{entry.name}” was added to the catalogue, tested by “{idea.text}”."
            )
            return redirect(entry)
    current = getattr(idea, "catalogue_link", None)
    return render(
        request,
        "learning/catalogue/change_idea_link.jinja",
        {
            "idea": idea,
            "project": idea.project,
            "current": current.entry if current else None,
            "link_form": link_form,
            "promote_form": promote_form,
            "similar_count": sum(getattr(e, "is_similar", False) for e in entries),
        },
    )


def _programme(request, slug: str) -> Programme:
    return visible_or_404(
        access.programmes_visible_to(request.user),
        f"There is no programme “{slug}”.",
        slug=slug,
    )


def _tabs(programme: Programme) -> list:
    """The programme's tabs (learning.navigation, from the programmes part) when it exists."""
    try:
        from learning.navigation import programme_tabs
    except ImportError:
        return []
    return programme_tabs(programme, "programme_package")


def programme_package(request, slug):
    programme = _programme(request, slug)
    may_edit = access.can_edit_programme(request.user, programme)
    visible = access.changes_visible_to(request.user)
    items = list(
        programme.package_items.filter(entry__in=visible).select_related(
            "entry__owner_programme", "entry__owner_region"
        )
    )
    in_package = {item.entry_id for item in items}
    choices = [e for e in visible.order_by("name") if e.pk not in in_package]
    form = PackageAddForm(request.POST or None, entries=choices)
    if request.method == "POST":
        refuse_unless(
            may_edit,
            f"Only the programme leads of “{programme.name}”, leads of its regions and "
            "national admins can change its package.",
        )
        if form.is_valid():
            entry = form.cleaned_data["entry"]
            if saved(
                form,
                lambda: services.package_item_add(
                    by=request.user, programme=programme, entry=entry
                ),
            ):
                messages.success(request, f"“{entry.name}” was added to the change package.")
                return redirect("learning:programme_package", programme.slug)
    return render(
        request,
        "learning/catalogue/programme_package.jinja",
        {
            "programme": programme,
            "items": items,
            "form": form if may_edit else None,
            "may_edit": may_edit,
            "tabs": _tabs(programme),
        },
    )


@require_POST
def package_item_remove(request, slug, item_pk):
    programme = _programme(request, slug)
    refuse_unless(
        access.can_edit_programme(request.user, programme),
        f"Only the programme leads of “{programme.name}”, leads of its regions and "
        "national admins can change its package.",
    )
    item = visible_or_404(
        programme.package_items.select_related("entry"),
        f"“{programme.name}”'s package has no item {item_pk}.",
        pk=item_pk,
    )
    services.package_item_remove(by=request.user, item=item)
    messages.success(request, f"“{item.entry.name}” was removed from the change package.")
    return redirect("learning:programme_package", programme.slug)
