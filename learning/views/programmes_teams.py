"""A programme's member teams: adding a project, correcting when it joined, recording when it
left, or taking out one added by mistake."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from learning.forms.programmes import MemberAddForm, MemberUpdateForm
from learning.services import programmes as services
from learning.views.programmes_lookup import add_errors, editable_programme, programme_member
from projects import access as projects_access


def _teams_url(programme) -> str:
    return f"{programme.get_absolute_url()}#teams"


def member_create(request, slug):
    programme = editable_programme(request, slug)
    projects = (
        projects_access.projects_visible_to(request.user)
        .exclude(programme_memberships__programme=programme)
        .select_related("lead_region")
        .order_by("lead_region__name", "title")
    )
    form = MemberAddForm(
        request.POST or None, projects=projects, initial={"joined_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(by=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"“{member.project.title}” joined “{programme.name}”.")
            return redirect(_teams_url(programme))
    return render(
        request,
        "learning/programmes/member_form.jinja",
        {"form": form, "programme": programme, "member": None},
    )


def member_update(request, slug, member_pk):
    programme = editable_programme(request, slug)
    member = programme_member(programme, member_pk)
    if request.method == "POST" and "remove" in request.POST:
        services.member_remove(by=request.user, member=member)
        messages.success(request, f"“{member.project.title}” was taken out of the programme.")
        return redirect(_teams_url(programme))
    form = MemberUpdateForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(
                by=request.user, member=programme_member(programme, member_pk), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The dates of “{member.project.title}” were saved.")
            return redirect(_teams_url(programme))
    return render(
        request,
        "learning/programmes/member_form.jinja",
        {"form": form, "programme": programme, "member": member},
    )
