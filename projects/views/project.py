from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render

from projects import access, history, picker
from projects.forms import ProjectForm
from projects.presenters.project import project_page_context
from projects.presenters.timeline import timeline, worth_telling
from projects.services import project as services
from projects.views._lookup import editable_project, visible_project

FIND = "find_organisations"  # the form's search button, for a browser without JavaScript


def project_create(request):
    if not access.can_create_project(request.user):
        raise PermissionDenied("Only regional leads and national admins can start projects.")
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and FIND not in request.POST and form.is_valid():
        project = services.project_create(by=request.user, **form.cleaned_data)
        messages.success(request, f"“{project.title}” was created. Next, build its driver diagram.")
        return redirect(project)
    return _form_page(request, form, None)


def project_update(request, pk):
    project = editable_project(request, pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and FIND not in request.POST and form.is_valid():
        services.project_update(by=request.user, project=project, **form.cleaned_data)
        messages.success(request, f"“{project.title}” was updated.")
        return redirect(project)
    return _form_page(request, form, project)


def _form_page(request, form, project):
    searching = request.method == "POST" and FIND in request.POST
    data = request.POST if searching else QueryDict()
    context = {
        "form": form.without_errors() if searching else form,
        "project": project,
        "search_form": picker.OrganisationSearchForm(data if searching else None),
        "found": picker.find_organisations(data, form.leadable_regions) if searching else None,
        "chosen": form.chosen_organisations(),
        "organisation_items": picker.organisation_items,
    }
    return render(request, "projects/project_form.jinja", context)


def organisation_picker(request):
    """The picker's results alone, for htmx as you type: organisations of the regions chosen on
    the form (`project` when editing one), for those who may start or edit a project."""
    project_pk = request.GET.get("project", "")
    if project_pk.isdigit():
        form = ProjectForm(instance=editable_project(request, int(project_pk)), user=request.user)
    elif access.can_create_project(request.user):
        form = ProjectForm(user=request.user)
    else:
        raise PermissionDenied("Only regional leads and national admins can start projects.")
    found = picker.find_organisations(request.GET, form.leadable_regions)
    return render(
        request, "projects/_organisation_results.jinja", {"found": found, "announce": True}
    )


def project_detail(request, pk):
    project = visible_project(request, pk)
    return render(request, "projects/project_detail.jinja", project_page_context(request, project))


CHANGES_PER_PAGE = 25


def project_history(request, pk):
    """Every change, newest first, as sentences with their old and new values, a page at a time."""
    project = visible_project(request, pk)
    changes = [c for c in history.project_changes(project) if worth_telling(c)]
    page = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/project_history.jinja",
        {"project": project, "page": page, "timeline": timeline(page.object_list)},
    )
