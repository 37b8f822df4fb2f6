from datetime import date

from django.db import transaction
from django.utils import timezone

from core.keywords import NOT_GIVEN, given
from projects.models import ProgressScore, Project, ProjectMember, ProjectRole, StatusChange
from projects.services.organisations import check_organisations
from projects.services.permissions import check_may_create, check_may_edit
from regions.models import User

M2M_FIELDS = ("participating_regions", "organisations", "care_settings")
FIELDS = (
    "title",
    "summary",
    "lead_region",
    "topic",
    "status",
    "status_since",
    "start_date",
    "expected_end_date",
    "completed_on",
    "progress_score",
    "aim_what",
    "aim_for_whom",
    "aim_how_much",
    "aim_by_when",
    "aim_text",
)


def _split(changes: dict) -> tuple[dict, dict]:
    fields = {k: v for k, v in changes.items() if k in FIELDS}
    relations = {k: v for k, v in changes.items() if k in M2M_FIELDS}
    return fields, relations


def _today() -> date:
    return timezone.localdate()


@transaction.atomic
def project_create(
    *,
    by: User,
    title=NOT_GIVEN,
    summary=NOT_GIVEN,
    lead_region=NOT_GIVEN,
    topic=NOT_GIVEN,
    status=NOT_GIVEN,
    status_since=NOT_GIVEN,
    start_date=NOT_GIVEN,
    expected_end_date=NOT_GIVEN,
    completed_on=NOT_GIVEN,
    progress_score=NOT_GIVEN,
    aim_what=NOT_GIVEN,
    aim_for_whom=NOT_GIVEN,
    aim_how_much=NOT_GIVEN,
    aim_by_when=NOT_GIVEN,
    aim_text=NOT_GIVEN,
    participating_regions=NOT_GIVEN,
    organisations=NOT_GIVEN,
    care_settings=NOT_GIVEN,
) -> Project:
    """Creates a project led by `lead_region`; the creator must lead that region (or be admin)
    and joins its team as project lead."""
    fields, relations = _split(given(locals(), leave_out=("by",)))
    check_may_create(by, fields["lead_region"])
    if relations.get("organisations"):
        check_organisations(
            fields["lead_region"],
            relations.get("participating_regions", []),
            relations["organisations"],
        )
    fields.setdefault("status_since", fields.get("start_date") or _today())
    project = Project(created_by=by, last_activity_on=_today(), **fields)
    project._history_user = by
    project.full_clean()
    project.save()
    for name, related in relations.items():
        getattr(project, name).set(related)
    StatusChange.objects.create(
        project=project, status=project.status, began_on=project.status_since, recorded_by=by
    )
    if project.progress_score is not None:
        ProgressScore.objects.create(
            project=project, score=project.progress_score, recorded_on=_today(), recorded_by=by
        )
    _creator_leads_team(project, by)
    return project


def _creator_leads_team(project: Project, by: User) -> None:
    """Whoever creates a project is on its team as project lead (so hears of its signals), a
    role the team page can change. A partner platform's account is no person to tell."""
    if not by.is_api_client:
        member = ProjectMember(project=project, user=by, role=ProjectRole.LEAD)
        member._history_user = by
        member.save()


@transaction.atomic
def project_update(
    *,
    by: User,
    project: Project,
    title=NOT_GIVEN,
    summary=NOT_GIVEN,
    lead_region=NOT_GIVEN,
    topic=NOT_GIVEN,
    status=NOT_GIVEN,
    status_since=NOT_GIVEN,
    start_date=NOT_GIVEN,
    expected_end_date=NOT_GIVEN,
    completed_on=NOT_GIVEN,
    progress_score=NOT_GIVEN,
    aim_what=NOT_GIVEN,
    aim_for_whom=NOT_GIVEN,
    aim_how_much=NOT_GIVEN,
    aim_by_when=NOT_GIVEN,
    aim_text=NOT_GIVEN,
    participating_regions=NOT_GIVEN,
    organisations=NOT_GIVEN,
    care_settings=NOT_GIVEN,
) -> Project:
    """Changes the fields given; a new status or progress score joins the project's timeline."""
    changes = given(locals(), leave_out=("by", "project"))
    check_may_edit(by, project)
    fields, relations = _split(changes)
    if "lead_region" in fields and fields["lead_region"] != project.lead_region:
        check_may_create(by, fields["lead_region"])
    if {"lead_region", "participating_regions", "organisations"} & changes.keys():
        check_organisations(
            fields.get("lead_region", project.lead_region),
            relations.get("participating_regions", project.participating_regions.all()),
            relations.get("organisations", project.organisations.select_related("region")),
        )
    before = Project.objects.get(pk=project.pk)
    for name, value in fields.items():
        setattr(project, name, value)
    if project.status != before.status and "status_since" not in fields:
        project.status_since = _today()
    project.last_activity_on = _today()
    project._history_user = by
    project.full_clean()
    project.save()
    for name, related in relations.items():
        getattr(project, name).set(related)
    if project.status != before.status:
        StatusChange.objects.create(
            project=project, status=project.status, began_on=project.status_since, recorded_by=by
        )
    if project.progress_score is not None and project.progress_score != before.progress_score:
        ProgressScore.objects.create(
            project=project, score=project.progress_score, recorded_on=_today(), recorded_by=by
        )
    return project


@transaction.atomic
def member_add(*, by: User, project: Project, user: User, role: str = ProjectRole.MEMBER):
    check_may_edit(by, project)
    member, _ = ProjectMember.objects.update_or_create(
        project=project, user=user, defaults={"role": role}
    )
    return member


@transaction.atomic
def member_remove(*, by: User, project: Project, user: User) -> None:
    check_may_edit(by, project)
    ProjectMember.objects.filter(project=project, user=user).delete()
