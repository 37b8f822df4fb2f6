"""The refusals every learning service raises, worded for the person refused."""

from django.core.exceptions import PermissionDenied

from learning import access
from learning.models import Adoption, ChangeEntry, Programme
from projects.models import ChangeIdea, Project
from regions.models import Organisation, User


def check_may_create_programme(by: User, lead_regions=(), *, is_national: bool = False) -> None:
    if not access.can_create_programme(by, lead_regions, is_national=is_national):
        if is_national:
            raise PermissionDenied("Only national admins can start a national programme.")
        raise PermissionDenied(
            "Only leads of every lead region, and national admins, can start a programme."
        )


def check_may_edit_programme(by: User, programme: Programme) -> None:
    if not access.can_edit_programme(by, programme):
        raise PermissionDenied(
            f"Only the programme leads of “{programme.name}”, leads of its regions and "
            "national admins can change it."
        )


def check_may_edit_change(by: User, entry: ChangeEntry) -> None:
    if not access.can_edit_change(by, entry):
        raise PermissionDenied(
            f"Only the leads of {entry.owner} and national admins can change “{entry.name}”."
        )


def check_may_link_change_idea(by: User, idea: ChangeIdea) -> None:
    if not access.can_link_change_idea(by, idea):
        raise PermissionDenied(
            "Only leads of the project's regions, leads of its programmes and national admins "
            f"can link “{idea.text}” to the catalogue."
        )


def check_may_record_adoption(by: User, organisation: Organisation, **concerning) -> None:
    if not access.can_record_adoption(by, organisation, **concerning):
        raise PermissionDenied(
            f"Only leads of {organisation.region.name}, leads of the programme concerned and "
            f"national admins can record what {organisation.name} has adopted."
        )


def check_may_edit_adoption(by: User, adoption: Adoption) -> None:
    check_may_record_adoption(
        by,
        adoption.organisation,
        entry=adoption.entry,
        package_of=adoption.package_of,
        source_programme=adoption.source_programme,
    )


def check_may_write_learning(by: User, project: Project) -> None:
    if not access.can_write_learning(by, project):
        raise PermissionDenied(
            f"Only the team of “{project.title}”, leads of its regions and national admins can "
            "write down its learning and outcomes."
        )


def check_may_submit_story(by: User, project: Project) -> None:
    if not access.can_submit_story(by, project):
        raise PermissionDenied(
            f"Only the project leads of “{project.title}”, leads of its regions and national "
            "admins can submit its story."
        )


def check_may_review_story(by: User, project: Project) -> None:
    if not access.can_review_story(by, project):
        raise PermissionDenied(
            f"Only leads of the regions of “{project.title}” and national admins can publish "
            "its story or send it back."
        )


def check_may_withdraw_story(by: User, project: Project) -> None:
    if not access.can_withdraw_story(by, project):
        raise PermissionDenied(
            f"Only the project leads of “{project.title}”, leads of its regions and national "
            "admins can withdraw its story."
        )


def check_may_consent(by: User, project: Project) -> None:
    if not access.can_consent_to_be_named(by, project):
        raise PermissionDenied(
            f"Only members of the team of “{project.title}” can agree to be named on its story."
        )


def check_may_start_project_from_story(by: User, region=None) -> None:
    if not access.can_start_project_from_story(by, region):
        raise PermissionDenied(
            "Only leads of a region and national admins can start a project"
            + (f" led by {region.name}." if region is not None else ".")
        )
