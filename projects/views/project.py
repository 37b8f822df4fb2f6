from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from projects import access, history
from projects.forms import MemberForm, ProjectForm
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


def project_team(request, pk):
    project = visible_project(request, pk)
    may_edit = access.can_edit_project(request.user, project)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        project = editable_project(request, pk)
        if "remove" in request.POST:
            _remove_member(request, project)
            return redirect("projects:team", pk=project.pk)
        if form.is_valid():
            services.member_add(
                by=request.user,
                project=project,
                user=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
            )
            messages.success(request, f"{form.cleaned_data['username']} joined the team.")
            return redirect("projects:team", pk=project.pk)
    members = project.members.select_related("user").order_by("role", "user__last_name")
    return render(
        request,
        "projects/project_team.jinja",
        {"project": project, "members": members, "form": form, "may_edit": may_edit},
    )


def _remove_member(request, project):
    member = project.members.select_related("user").filter(pk=request.POST["remove"]).first()
    if member is None:
        raise ValidationError("That person is not on the team.")
    services.member_remove(by=request.user, project=project, user=member.user)
    messages.success(request, f"{member.user} left the team.")


def project_history(request, pk):
    project = visible_project(request, pk)
    return render(
        request,
        "projects/project_history.jinja",
        {"project": project, "changes": history.project_changes(project)},
    )
