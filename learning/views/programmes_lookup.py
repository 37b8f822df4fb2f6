"""Finding the programme (and its team or session) a page is about, or refusing plainly."""

from django.core.exceptions import ValidationError

from core.lookup import refuse_unless, visible_or_404
from learning import access
from learning.models import LearningSession, Programme, ProgrammeMember


def visible_programme(request, slug: str) -> Programme:
    return visible_or_404(
        access.programmes_visible_to(request.user),
        f"There is no programme with the identifier “{slug}”.",
        slug=slug,
    )


def editable_programme(request, slug: str) -> Programme:
    programme = visible_programme(request, slug)
    refuse_unless(
        access.can_edit_programme(request.user, programme),
        f"Only the programme leads of “{programme.name}”, leads of its regions and national "
        "admins can change it.",
    )
    return programme


def programme_member(programme: Programme, pk: int) -> ProgrammeMember:
    member = visible_or_404(
        programme.members.select_related("project", "project__lead_region"),
        f"“{programme.name}” has no team with the id {pk}.",
        pk=pk,
    )
    member.programme = programme
    return member


def programme_session(programme: Programme, pk: int) -> LearningSession:
    session = visible_or_404(
        programme.sessions.all(),
        f"“{programme.name}” has no learning session with the id {pk}.",
        pk=pk,
    )
    session.programme = programme
    return session


def add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on the form: by field where the form has it."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)
