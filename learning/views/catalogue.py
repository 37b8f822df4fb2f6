"""The catalogue of changes: its list, an entry's page (with "Where else, and did it work?"),
adding and changing entries and their resources, and an entry's history. The services check who
may write; the views look things up through the access policy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.lookup import refuse_unless, visible_or_404
from core.wording import plural
from learning import access, matching
from learning.forms.catalogue import (
    ChangeEntryForm,
    ChangeFilterForm,
    ResourceForm,
    WhereElseFilterForm,
)
from learning.models import ChangeEntry
from learning.presenters import catalogue as presenters
from learning.presenters import catalogue_where_else as where_else
from learning.services import catalogue as services
from measurement import access as measurement_access
from projects import access as projects_access

ENTRIES_PER_PAGE = 25


def visible_entry(request, slug: str) -> ChangeEntry:
    return visible_or_404(
        access.changes_visible_to(request.user).select_related("owner_programme", "owner_region"),
        f"There is no catalogue entry “{slug}”.",
        slug=slug,
    )


def editable_entry(request, slug: str) -> ChangeEntry:
    entry = visible_entry(request, slug)
    refuse_unless(
        access.can_edit_change(request.user, entry),
        f"Only the leads of {entry.owner} and national admins can change “{entry.name}”.",
    )
    return entry


def saved(form, call) -> object | None:
    """The service's result, or None with its validation errors put on the form's fields."""
    try:
        return call()
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return None


def change_list(request):
    form = ChangeFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    entries = presenters.filtered(access.changes_visible_to(request.user), data)
    entries = presenters.with_list_columns(
        entries, projects_access.projects_visible_to(request.user)
    )
    if data.get("q"):
        entries = matching.entries_like(data["q"], entries, limit=200)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    editable = set(access.changes_editable_by(request.user).values_list("pk", flat=True))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/catalogue/change_list.jinja",
        {
            "form": form,
            "page": page,
            "rows": [presenters.entry_row(e, e.pk in editable) for e in page.object_list],
            "caption": plural(page.paginator.count, "change"),
            "query_string": query.urlencode(),
            "may_create": access.can_create_change(request.user),
        },
    )


def change_create(request):
    refuse_unless(
        access.can_create_change(request.user),
        "Only regional leads, programme leads and national admins can add to the catalogue.",
    )
    form = ChangeEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = saved(
            form, lambda: services.change_create(by=request.user, **form.service_arguments())
        )
        if entry is not None:
            messages.success(request, f"“{entry.name}” was added to the catalogue.")
            return redirect(entry)
    return render(request, "learning/catalogue/change_form.jinja", {"form": form, "entry": None})


def change_update(request, slug):
    entry = editable_entry(request, slug)
    form = ChangeEntryForm(request.POST or None, user=request.user, entry=entry)
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        if saved(form, lambda: services.change_update(by=request.user, entry=entry, **arguments)):
            messages.success(request, f"“{entry.name}” was updated.")
            return redirect(entry)
    return render(
        request,
        "learning/catalogue/change_form.jinja",
        {
            "form": form,
            "entry": entry,
            "resources": presenters.resource_rows(entry),
            "resource_form": ResourceForm(),
        },
    )


@require_POST
def resource_add(request, slug):
    entry = editable_entry(request, slug)
    form = ResourceForm(request.POST)
    if form.is_valid() and saved(
        form, lambda: services.resource_add(by=request.user, entry=entry, **form.cleaned_data)
    ):
        messages.success(request, f"“{form.cleaned_data['title']}” was added to the resources.")
        return redirect("learning:change_update", entry.slug)
    return render(
        request,
        "learning/catalogue/change_form.jinja",
        {
            "form": ChangeEntryForm(user=request.user, entry=entry),
            "entry": entry,
            "resources": presenters.resource_rows(entry),
            "resource_form": form,
        },
    )


@require_POST
def resource_remove(request, slug, resource_pk):
    entry = editable_entry(request, slug)
    resource = visible_or_404(
        entry.resources.all(), f"“{entry.name}” has no resource {resource_pk}.", pk=resource_pk
    )
    services.resource_remove(by=request.user, resource=resource)
    messages.success(request, f"“{resource.title}” was removed from the resources.")
    return redirect("learning:change_update", entry.slug)


def change_detail(request, slug):
    entry = visible_entry(request, slug)
    user = request.user
    projects = projects_access.projects_visible_to(user)
    rows = where_else.tested_rows(entry, projects, measurement_access.measures_visible_to(user))
    form = WhereElseFilterForm(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    shown = [
        row
        for row in rows
        if row.matches(chosen.get("region"), chosen.get("setting"), chosen.get("outcome"))
    ]
    may_edit = access.can_edit_change(user, entry)
    similar = (
        where_else.similar_unlinked_ideas(
            entry, matching.unlinked_ideas_linkable_by(user).filter(project__in=projects)
        )
        if may_edit
        else []
    )
    settings_names = [s.name for s in entry.care_settings.all()]
    return render(
        request,
        "learning/catalogue/change_detail.jinja",
        {
            "entry": entry,
            "status": presenters.status_tag(entry),
            "summary_rows": presenters.entry_summary_rows(entry, settings_names),
            "resources": presenters.resource_rows(entry),
            "rows": shown,
            "all_count": len(rows),
            "outcomes": where_else.outcome_counts(rows),
            "filter_form": form,
            "filtered": any(chosen.values()),
            "adopting": presenters.adopting_count(entry),
            "may_edit": may_edit,
            "similar": similar,
            "links": presenters.entry_links(entry),
        },
    )


def change_history(request, slug):
    entry = visible_entry(request, slug)
    return render(
        request,
        "learning/catalogue/change_history.jinja",
        {"entry": entry, "changes": presenters.entry_changes(entry)},
    )
