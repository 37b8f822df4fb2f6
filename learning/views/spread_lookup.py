"""Finding what the spread pages are about, and whom a user may record adoptions for."""

from django.db.models import Q
from django.http import Http404

from core.lookup import refuse_unless, visible_or_404
from learning import access
from projects.access import projects_visible_to
from regions.access import organisations_visible_to
from regions.roles import is_national_admin, led_region_ids


def visible_entry(request, slug):
    return visible_or_404(
        access.changes_visible_to(request.user),
        f"There is no change called “{slug}” in the catalogue.",
        slug=slug,
    )


def visible_programme(request, slug):
    return visible_or_404(
        access.programmes_visible_to(request.user),
        f"There is no programme called “{slug}”.",
        slug=slug,
    )


def programme_adoptions(user, programme):
    """The adoptions of the programme's package, or of any entry in it."""
    return access.adoptions_visible_to(user).filter(
        Q(package_of=programme) | Q(entry__package_items__programme=programme)
    )


def recordable_organisations(user, *, entry=None, package_of=None):
    """The organisations `user` may record an adoption of this for: any, for national admins
    and the leads of a programme concerned; otherwise those of the regions they lead."""
    organisations = organisations_visible_to(user).order_by("name")
    if not user.is_authenticated:
        return organisations.none()
    if is_national_admin(user):
        return organisations
    concerned = access.programmes_concerned(entry=entry, package_of=package_of)
    if concerned.filter(leads=user).exists():
        return organisations
    return organisations.filter(region__in=led_region_ids(user))


def adopted_thing(request):
    """The entry (?change=) or programme (?programme=) an adoption is being recorded for."""
    slug = request.GET.get("change")
    if slug:
        return visible_entry(request, slug), None
    slug = request.GET.get("programme")
    if slug:
        return None, visible_programme(request, slug)
    raise Http404("Say what was adopted: open this page from a change's or programme's spread.")


def source_choices(user, *, entry=None, package_of=None):
    """(projects, programmes) a source may name: the projects that tested the change or are
    in the programme, and every programme."""
    projects = projects_visible_to(user)
    if entry is not None:
        projects = projects.filter(
            Q(change_ideas__catalogue_link__entry=entry)
            | Q(programme_memberships__programme__package_items__entry=entry)
        )
    else:
        projects = projects.filter(programme_memberships__programme=package_of)
    return projects.distinct().order_by("title"), access.programmes_visible_to(user)


def adoption_or_404(request, pk):
    adoption = visible_or_404(
        access.adoptions_visible_to(request.user).select_related(
            "organisation__region", "entry", "package_of"
        ),
        f"There is no adoption with the id {pk}.",
        pk=pk,
    )
    refuse_unless(
        access.can_edit_adoption(request.user, adoption),
        f"Only leads of {adoption.organisation.region.name}, leads of the programme concerned "
        "and national admins can change this adoption.",
    )
    return adoption
