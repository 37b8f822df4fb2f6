"""Writes to collaborative programmes: the programme itself, its member teams, learning sessions
and their materials and attendance, and the measures its teams share.

Every service checks the programme's permission first (learning.access: national admins, its
programme leads and leads of its lead regions). A team's measure of a mandatory shared standard
is created under the programme's permission, not the project's: see
docs/adr/0008-shared-measures.md.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify

from core.keywords import NOT_GIVEN, given
from learning.models import (
    FEEDBACK_SCORE_MAX,
    LearningSession,
    Programme,
    ProgrammeMember,
    SessionAttendance,
    SessionMaterial,
    SharedMeasure,
)
from learning.services.permissions import check_may_create_programme, check_may_edit_programme
from measurement.models import Measure, StandardMeasure
from measurement.services.measures import ADOPTED_FIELDS, with_defaults
from projects.access import projects_visible_to
from projects.models import Project
from regions.models import User
from regions.roles import is_national_admin

NO_LEAD_REGION = "Choose at least one lead region, or make it a national programme"


# Programmes ------------------------------------------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "programme"
    slug, number = base, 2
    while Programme.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_lead_regions(lead_regions, is_national: bool) -> None:
    if not is_national and not list(lead_regions):
        raise ValidationError({"lead_regions": NO_LEAD_REGION})


@transaction.atomic
def programme_create(
    *,
    by: User,
    name: str,
    topic: str,
    start_date: date,
    slug: str | None = None,
    lead_regions=(),
    is_national: bool = False,
    leads=(),
    method=NOT_GIVEN,
    end_date=NOT_GIVEN,
    status=NOT_GIVEN,
    summary=NOT_GIVEN,
    aim_what=NOT_GIVEN,
    aim_for_whom=NOT_GIVEN,
    aim_how_much=NOT_GIVEN,
    aim_by_when=NOT_GIVEN,
    aim_text=NOT_GIVEN,
) -> Programme:
    """Starts a programme; whoever starts it becomes one of its programme leads."""
    lead_regions, leads = list(lead_regions), list(leads)
    check_may_create_programme(by, lead_regions, is_national=is_national)
    _check_lead_regions(lead_regions, is_national)
    values = given(locals(), leave_out=("by", "lead_regions", "leads", "slug"))
    programme = Programme(slug=slug or _unique_slug(name), created_by=by, **values)
    programme._history_user = by
    programme.full_clean()
    programme.save()
    programme.lead_regions.set(lead_regions)
    programme.leads.set({by, *leads})
    return programme


def _check_regions_change(by: User, programme: Programme, lead_regions, is_national) -> None:
    """Adding a lead region takes a lead of it (or a national admin); making a programme
    national takes a national admin."""
    if is_national is True and not programme.is_national and not is_national_admin(by):
        check_may_create_programme(by, (), is_national=True)
    if lead_regions is not NOT_GIVEN:
        current = set(programme.lead_regions.values_list("pk", flat=True))
        added = [region for region in lead_regions if region.pk not in current]
        if added:
            check_may_create_programme(by, added)


@transaction.atomic
def programme_update(
    *,
    by: User,
    programme: Programme,
    name=NOT_GIVEN,
    slug=NOT_GIVEN,
    summary=NOT_GIVEN,
    aim_what=NOT_GIVEN,
    aim_for_whom=NOT_GIVEN,
    aim_how_much=NOT_GIVEN,
    aim_by_when=NOT_GIVEN,
    aim_text=NOT_GIVEN,
    topic=NOT_GIVEN,
    method=NOT_GIVEN,
    is_national=NOT_GIVEN,
    lead_regions=NOT_GIVEN,
    leads=NOT_GIVEN,
    start_date=NOT_GIVEN,
    end_date=NOT_GIVEN,
    status=NOT_GIVEN,
) -> Programme:
    check_may_edit_programme(by, programme)
    if lead_regions is not NOT_GIVEN:
        lead_regions = list(lead_regions)
    _check_regions_change(by, programme, lead_regions, is_national)
    changes = given(locals(), leave_out=("by", "programme", "lead_regions", "leads"))
    for field, value in changes.items():
        setattr(programme, field, value)
    regions_after = (
        lead_regions if lead_regions is not NOT_GIVEN else list(programme.lead_regions.all())
    )
    _check_lead_regions(regions_after, programme.is_national)
    programme._history_user = by
    programme.full_clean()
    programme.save()
    if lead_regions is not NOT_GIVEN:
        programme.lead_regions.set(lead_regions)
    if leads is not NOT_GIVEN:
        leads = list(leads)
        if not leads:
            raise ValidationError({"leads": "A programme needs at least one programme lead"})
        programme.leads.set(leads)
    return programme


# Shared measures -------------------------------------------------------------------------------


def _team_measure_create(*, by: User, project: Project, standard: StandardMeasure) -> Measure:
    """The team's measure of a shared standard, as measurement.services.measures.measure_adopt
    makes it but under the programme's permission (checked by the caller): a programme lead is
    often not on the team. See docs/adr/0008-shared-measures.md."""
    adopted = {field: getattr(standard, field) for field in ADOPTED_FIELDS}
    measure = Measure(project=project, standard=standard, created_by=by, **with_defaults(adopted))
    measure._history_user = by
    measure.full_clean()
    measure.save()
    return measure


def _ensure_team_measures(*, by: User, projects, standards) -> list[Measure]:
    projects, standards = list(projects), list(standards)
    if not projects or not standards:
        return []
    have = set(
        Measure.objects.filter(project__in=projects, standard__in=standards).values_list(
            "project_id", "standard_id"
        )
    )
    return [
        _team_measure_create(by=by, project=project, standard=standard)
        for project in projects
        for standard in standards
        if (project.pk, standard.pk) not in have
    ]


def _current_member_projects(programme: Programme):
    today = timezone.localdate()
    return Project.objects.filter(
        Q(programme_memberships__left_on__isnull=True)
        | Q(programme_memberships__left_on__gte=today),
        programme_memberships__programme=programme,
    ).distinct()


@transaction.atomic
def shared_measure_add(
    *, by: User, programme: Programme, standard: StandardMeasure, is_mandatory: bool = True
) -> SharedMeasure:
    """Adopts a national standard measure for the programme; when every team must collect it,
    each current team gets its own measure of the standard if it has none."""
    check_may_edit_programme(by, programme)
    if programme.shared_measures.filter(standard=standard).exists():
        raise ValidationError({"standard": f"“{standard.name}” is already a shared measure"})
    last = programme.shared_measures.aggregate(last=Max("position"))["last"]
    shared = SharedMeasure(
        programme=programme,
        standard=standard,
        is_mandatory=is_mandatory,
        position=0 if last is None else last + 1,
    )
    shared._history_user = by
    shared.full_clean()
    shared.save()
    if is_mandatory:
        _ensure_team_measures(
            by=by, projects=_current_member_projects(programme), standards=[standard]
        )
    return shared


@transaction.atomic
def shared_measure_update(*, by: User, shared: SharedMeasure, is_mandatory: bool) -> SharedMeasure:
    check_may_edit_programme(by, shared.programme)
    shared.is_mandatory = is_mandatory
    shared._history_user = by
    shared.save()
    if is_mandatory:
        _ensure_team_measures(
            by=by, projects=_current_member_projects(shared.programme), standards=[shared.standard]
        )
    return shared


@transaction.atomic
def shared_measure_remove(*, by: User, shared: SharedMeasure) -> None:
    """Stops sharing the standard; the teams keep their measures and data."""
    check_may_edit_programme(by, shared.programme)
    shared._history_user = by
    shared.delete()


# Member teams ----------------------------------------------------------------------------------


@transaction.atomic
def member_add(
    *, by: User, programme: Programme, project: Project, joined_on: date
) -> ProgrammeMember:
    """A team joins; it gets its own measure of each mandatory shared standard it lacks."""
    check_may_edit_programme(by, programme)
    if not projects_visible_to(by).filter(pk=project.pk).exists():
        raise ValidationError({"project": "Choose a project you can see"})
    if programme.members.filter(project=project).exists():
        raise ValidationError({"project": f"“{project.title}” is already a team in this programme"})
    member = ProgrammeMember(programme=programme, project=project, joined_on=joined_on)
    member._history_user = by
    member.full_clean(validate_constraints=False)
    member.save()
    standards = StandardMeasure.objects.filter(
        programme_uses__programme=programme, programme_uses__is_mandatory=True
    )
    _ensure_team_measures(by=by, projects=[project], standards=standards)
    return member


@transaction.atomic
def member_update(
    *, by: User, member: ProgrammeMember, joined_on=NOT_GIVEN, left_on=NOT_GIVEN
) -> ProgrammeMember:
    """Corrects when a team joined, or records when it left (None: it has not left)."""
    changes = given(locals(), leave_out=("by", "member"))
    check_may_edit_programme(by, member.programme)
    for field, value in changes.items():
        setattr(member, field, value)
    member._history_user = by
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def member_remove(*, by: User, member: ProgrammeMember) -> None:
    """Takes out a team added by mistake (a team that left keeps its row, with left_on)."""
    check_may_edit_programme(by, member.programme)
    member._history_user = by
    member.delete()


# Learning sessions -----------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    by: User,
    programme: Programme,
    title: str,
    held_on: date,
    mode=NOT_GIVEN,
    place=NOT_GIVEN,
    agenda=NOT_GIVEN,
) -> LearningSession:
    values = given(locals(), leave_out=("by", "programme"))
    check_may_edit_programme(by, programme)
    session = LearningSession(programme=programme, **values)
    session._history_user = by
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_update(
    *,
    by: User,
    session: LearningSession,
    title=NOT_GIVEN,
    held_on=NOT_GIVEN,
    mode=NOT_GIVEN,
    place=NOT_GIVEN,
    agenda=NOT_GIVEN,
) -> LearningSession:
    changes = given(locals(), leave_out=("by", "session"))
    check_may_edit_programme(by, session.programme)
    for field, value in changes.items():
        setattr(session, field, value)
    session._history_user = by
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def material_add(*, by: User, session: LearningSession, title: str, url: str) -> SessionMaterial:
    check_may_edit_programme(by, session.programme)
    material = SessionMaterial(session=session, title=title, url=url)
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def material_remove(*, by: User, material: SessionMaterial) -> None:
    check_may_edit_programme(by, material.session.programme)
    material.delete()


# Attendance ------------------------------------------------------------------------------------


def _check_attendance(session: LearningSession, project, user, feedback_score) -> None:
    if project is None and user is None:
        raise ValidationError({"project": "Choose the team or the person who attended"})
    if project is not None and not session.programme.members.filter(project=project).exists():
        raise ValidationError({"project": f"“{project.title}” is not a team in this programme"})
    if feedback_score is not None and not 0 <= feedback_score <= FEEDBACK_SCORE_MAX:
        raise ValidationError(
            {"feedback_score": f"Enter a feedback score from 0 to {FEEDBACK_SCORE_MAX}"}
        )


def _attendance_row(session: LearningSession, project, user) -> SessionAttendance:
    """The row this attendance updates: the person's, else the team's own (a team-only row
    becomes the person's when a person is named), else a new one."""
    rows = session.attendances
    found = None
    if user is not None:
        found = rows.filter(user=user).first()
    if found is None and project is not None:
        found = rows.filter(project=project, user__isnull=True).first()
    return found or SessionAttendance(session=session)


@transaction.atomic
def attendance_record(
    *,
    by: User,
    session: LearningSession,
    project: Project | None = None,
    user: User | None = None,
    feedback_score: int | None = None,
    contributed: bool | None = None,
) -> SessionAttendance:
    """Records that a team, a person, or a person for their team attended, with feedback.
    Recording the same team (or person) again updates their row."""
    check_may_edit_programme(by, session.programme)
    _check_attendance(session, project, user, feedback_score)
    attendance = _attendance_row(session, project, user)
    attendance.project, attendance.user = project, user
    attendance.feedback_score, attendance.contributed = feedback_score, contributed
    attendance.full_clean(validate_constraints=False)
    attendance.save()
    return attendance


@transaction.atomic
def attendance_remove(*, by: User, attendance: SessionAttendance) -> None:
    check_may_edit_programme(by, attendance.session.programme)
    attendance.delete()
