"""Invitation pages: inviting someone to a project's team or a region's leads, sending an
invitation again or cancelling it, and the invited person's page to accept.

Who may invite is asked before a form is read (`check_may_invite`, a 403 saying who may) and
again by the services. Invitations are listed, resent and cancelled through
`invitations_manageable_by`, so someone else's are a 404.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.lookup import visible_or_404
from projects import access
from projects.invitations import accepting, services
from projects.invitations.forms import InviteForm
from projects.invitations.presenters import day, invitation_rows, invited_to
from projects.models import ProjectRole
from projects.services.permissions import check_may_invite
from projects.views._lookup import visible_project
from regions import access as regions_access
from regions.account_forms import NewAccountForm

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _invite(request, fields: dict, **target) -> ValidationError | None:
    """Sends the invitation (or adds the existing account) and says which; the service's
    refusal, for the form to show, if it refused."""
    try:
        invited = services.invite(by=request.user, site_url=_site_url(request), **target, **fields)
    except ValidationError as error:
        return error
    if invited.member:
        messages.success(
            request, f"{invited.member.user} already has an account, so they joined the team."
        )
    else:
        messages.success(request, f"We emailed an invitation to {invited.invitation.email}.")
    return None


def project_invite(request, pk):
    project = visible_project(request, pk)
    check_may_invite(request.user, project=project)
    form = InviteForm(
        request.POST or None, roles=ProjectRole.choices, initial={"role": ProjectRole.MEMBER}
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["project_role"] = fields.pop("role")
        refusal = _invite(request, fields, project=project)
        if refusal is None:
            return redirect("projects:team", pk=project.pk)
        form.add_error(None, refusal)
    return render(request, "invitations/invite.jinja", {"form": form, "project": project})


def region_invite(request, slug):
    region = visible_or_404(
        regions_access.regions_visible_to(request.user),
        f"There is no regional collaborative called '{slug}'.",
        slug=slug,
    )
    check_may_invite(request.user, region=region)
    form = InviteForm(request.POST or None, roles=None)
    if request.method == "POST" and form.is_valid():
        refusal = _invite(request, form.cleaned_data, region=region)
        if refusal is None:
            return redirect("invitations:region", slug=region.slug)
        form.add_error(None, refusal)
    awaiting = access.invitations_manageable_by(request.user).filter(region=region).awaiting()
    rows = invitation_rows(awaiting.select_related("project", "region", "invited_by"))
    return render(
        request, "invitations/invite.jinja", {"form": form, "region": region, "rows": rows}
    )


def _manageable(request, pk):
    return visible_or_404(
        access.invitations_manageable_by(request.user).select_related("project", "region"),
        f"There is no invitation with the id {pk} that you may change.",
        pk=pk,
    )


def _back_to_list(invitation):
    if invitation.project_id:
        return redirect("projects:team", pk=invitation.project_id)
    return redirect("invitations:region", slug=invitation.region.slug)


@require_POST
def resend(request, pk):
    invitation = _manageable(request, pk)
    check_may_invite(request.user, project=invitation.project, region=invitation.region)
    try:
        services.invitation_resend(
            by=request.user, invitation=invitation, site_url=_site_url(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"We emailed {invitation.email} a new link.")
    return _back_to_list(invitation)


@require_POST
def cancel(request, pk):
    invitation = _manageable(request, pk)
    check_may_invite(request.user, project=invitation.project, region=invitation.region)
    try:
        services.invitation_cancel(by=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The invitation to {invitation.email} was cancelled.")
    return _back_to_list(invitation)


def _unavailable(request, problem: accepting.InvitationUnavailable):
    status = 404 if problem.reason == accepting.UNKNOWN else 410
    invitation = problem.invitation
    context = {
        "reason": problem.reason,
        "invitation": invitation,
        "until": day(invitation.expires_at) if invitation else "",
    }
    return render(request, "invitations/unavailable.jinja", context, status=status)


@login_not_required
def accept(request, token):
    try:
        invitation = accepting.open_invitation(token)
    except accepting.InvitationUnavailable as problem:
        return _unavailable(request, problem)
    form = NewAccountForm(
        request.POST or None,
        person=accepting.new_person(invitation),
        initial={"username": invitation.email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user, applied = accepting.invitation_accept(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except accepting.InvitationUnavailable as problem:
            return _unavailable(request, problem)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _signed_in(request, user, applied)
    context = {"form": form, "invitation": invitation, "invited_to": invited_to(invitation)}
    return render(request, "invitations/accept.jinja", context)


def _signed_in(request, user, applied):
    login(request, user, backend=SIGN_IN_BACKEND)
    joined = " and ".join(invited_to(invitation) for invitation in applied)
    messages.success(request, f"Welcome to the PSC QI Tracker. You have joined {joined}.")
    first = applied[0]
    return redirect(first.project if first.project_id else first.region)
