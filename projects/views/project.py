from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from projects import access, history
from projects.forms import ProjectForm
from projects.presenters.project import project_page_context
from projects.services import project as services
from projects.views._lookup import editable_project, visible_project


def project_create(request):
    if not access.can_create_project(request.user):
        raise PermissionDenied("Only regional leads and national admins can start projects.")
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(by=request.user, **form.cleaned_data)
        messages.success(request, f"“{project.title}” was created. Next, build its driver diagram.")
        return redirect(project)
    return render(request, "projects/project_form.jinja", {"form": form, "project": None})


def project_update(request, pk):
    project = editable_project(request, pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.project_update(by=request.user, project=project, **form.cleaned_data)
        messages.success(request, f"“{project.title}” was updated.")
        return redirect(project)
    return render(request, "projects/project_form.jinja", {"form": form, "project": project})


def project_detail(request, pk):
    project = visible_project(request, pk)
    return render(request, "projects/project_detail.jinja", project_page_context(request, project))


def project_history(request, pk):
    project = visible_project(request, pk)
    return render(
        request,
        "projects/project_history.jinja",
        {"project": project, "changes": history.project_changes(project)},
    )
