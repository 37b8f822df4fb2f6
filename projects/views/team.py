"""The project team page: who is on it; for editors, finding someone by name or email address
and adding them, or removing someone; for those who may invite, the invitations not yet
accepted. The search's results are also a fragment of their own, for htmx to swap in as you type.
"""

from django.contrib import messages
from django.shortcuts import redirect, render

from core.lookup import refuse_unless
from projects import access
from projects.forms import MemberForm, PersonSearchForm
from projects.invitations.presenters import invitation_rows
from projects.presenters.team import person_rows, role_items, search_summary
from projects.services import project as services
from projects.views._lookup import editable_project, visible_project
from regions import access as regions_access
from regions.people import search_people


def _addable_people(request, project):
    people = regions_access.people_nameable_by(request.user).filter(is_api_client=False)
    return people.exclude(project_memberships__project=project)


def _search(request, project) -> dict:
    form = PersonSearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    found, more = search_people(_addable_people(request, project), text)
    return {
        "search_form": form,
        "search_text": text,
        "people": person_rows(found),
        "search_summary": search_summary(len(found), more, text),
        "role_items": role_items(),
    }


def project_team(request, pk):
    project = visible_project(request, pk)
    may_edit = access.can_edit_project(request.user, project)
    form = MemberForm(request.POST or None, people=_addable_people(request, project))
    if request.method == "POST":
        project = editable_project(request, pk)
        if "remove" in request.POST:
            _remove_member(request, project)
            return redirect("projects:team", pk=project.pk)
        if form.is_valid():
            person = form.cleaned_data["person"]
            services.member_add(
                by=request.user, project=project, user=person, role=form.cleaned_data["role"]
            )
            messages.success(request, f"{person} joined the team.")
            return redirect("projects:team", pk=project.pk)
    return render(request, "projects/project_team.jinja", _page(request, project, form, may_edit))


def _page(request, project, form, may_edit) -> dict:
    may_invite = access.can_invite_to_project(request.user, project)
    context = {
        "project": project,
        "members": project.members.select_related("user").order_by("role", "user__last_name"),
        "form": form,
        "may_edit": may_edit,
        "may_invite": may_invite,
        "invitations": _awaiting_invitations(request, project) if may_invite else [],
    }
    return context | (_search(request, project) if may_edit else {})


def _awaiting_invitations(request, project) -> list[dict]:
    invitations = access.invitations_manageable_by(request.user).filter(project=project)
    return invitation_rows(invitations.awaiting().select_related("project", "region", "invited_by"))


def team_people(request, pk):
    """The search's results alone, for htmx; only editors may search."""
    project = visible_project(request, pk)
    refuse_unless(
        access.can_edit_project(request.user, project),
        f"Only the project team, leads of its regions and national admins can add people to "
        f"“{project.title}”.",
    )
    context = {"project": project, **_search(request, project), "announce": True}
    return render(request, "projects/_people_results.jinja", context)


def _remove_member(request, project):
    chosen = request.POST["remove"]
    member = (
        project.members.select_related("user").filter(pk=int(chosen)).first()
        if chosen.isdigit()
        else None
    )
    if member is None:  # a stale page (someone removed them already) or a hand-made request
        messages.error(request, "That person is not on the team (any more).")
        return
    services.member_remove(by=request.user, project=project, user=member.user)
    messages.success(request, f"{member.user} left the team.")
