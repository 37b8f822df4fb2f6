"""Programmes for their pages: the list's rows, and the overview's members over time, calendar
of learning sessions and action periods, shared measures and attendance. Templates get strings
and rows; the arithmetic is here. Each page reads a fixed number of queries, however many
programmes, teams or sessions there are."""

from django.db.models import Count, Prefetch

from core.wording import long_date, plural
from learning import access
from learning.calendar import action_periods
from learning.models import Programme, ProgrammeStatus, SessionAttendance
from learning.navigation import programme_tabs
from learning.presenters.programmes_attendance import attendance_tables, session_summary
from measurement import access as measurement_access

STATUS_TAG_COLOURS = {
    ProgrammeStatus.PLANNED: "grey",
    ProgrammeStatus.ACTIVE: "blue",
    ProgrammeStatus.COMPLETED: "green",
    ProgrammeStatus.STOPPED: "orange",
}


def status_tag(programme: Programme) -> dict:
    return {
        "text": programme.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_TAG_COLOURS.get(programme.status, 'grey')}",
    }


def dates_text(programme: Programme) -> str:
    if programme.end_date is None:
        return f"From {long_date(programme.start_date)}"
    return f"{long_date(programme.start_date)} to {long_date(programme.end_date)}"


def lead_regions_text(programme: Programme, regions=None) -> str:
    names = [region.name for region in (regions or programme.lead_regions.all())]
    if programme.is_national:
        names.insert(0, "National")
    return ", ".join(names) or "None"


# The list ----------------------------------------------------------------------------------------


def programmes_for_list(queryset):
    return queryset.annotate(team_count=Count("members", distinct=True)).prefetch_related(
        "lead_regions"
    )


def list_rows(programmes) -> list[dict]:
    return [
        {
            "programme": programme,
            "status": status_tag(programme),
            "topic": programme.get_topic_display(),
            "method": programme.get_method_display(),
            "lead_regions": lead_regions_text(programme),
            "teams": plural(programme.team_count, "team"),
            "dates": dates_text(programme),
        }
        for programme in programmes
    ]


# The overview ------------------------------------------------------------------------------------


def aim_text(programme: Programme) -> str:
    if programme.aim_text:
        return programme.aim_text
    parts = [programme.aim_what]
    if programme.aim_for_whom:
        parts.append(f"for {programme.aim_for_whom}")
    if programme.aim_how_much:
        parts.append(f"by {programme.aim_how_much}")
    if programme.aim_by_when:
        parts.append(f"by {long_date(programme.aim_by_when)}")
    return " ".join(part for part in parts if part)


def _members(programme: Programme) -> list:
    return list(
        programme.members.select_related("project", "project__lead_region")
        .prefetch_related("project__organisations")
        .order_by("joined_on", "project__title")
    )


def _present(member, day) -> bool:
    return member.joined_on <= day and (member.left_on is None or day < member.left_on)


def _counts(members) -> dict:
    organisations = {o.pk for m in members for o in m.project.organisations.all()}
    regions = {m.project.lead_region_id for m in members}
    return {
        "teams": plural(len(members), "team"),
        "organisations": plural(len(organisations), "organisation"),
        "regions": plural(len(regions), "region"),
    }


def members_over_time(members) -> list[dict]:
    """After each day a team joined or left: who changed, and how many teams, organisations and
    regions were in the programme from then on."""
    days = sorted({m.joined_on for m in members} | {m.left_on for m in members if m.left_on})
    rows = []
    for day in days:
        joined = [m.project.title for m in members if m.joined_on == day]
        left = [m.project.title for m in members if m.left_on == day]
        changes = [f"{', '.join(joined)} joined"] if joined else []
        changes += [f"{', '.join(left)} left"] if left else []
        present = [m for m in members if _present(m, day)]
        rows.append({"date": long_date(day), "changes": "; ".join(changes), **_counts(present)})
    return rows


def teams_sentence(current, members) -> str:
    now = _counts(current)
    sentence = f"Now {now['teams']} from {now['organisations']} in {now['regions']}"
    if len(current) != len(members):
        sentence += f" ({plural(len(members), 'team')} since it began)"
    return sentence + "."


def member_rows(members) -> list[dict]:
    return [
        {
            "member": member,
            "project": member.project,
            "region": member.project.lead_region.name,
            "organisations": ", ".join(o.name for o in member.project.organisations.all())
            or "None recorded",
            "joined": long_date(member.joined_on),
            "left": long_date(member.left_on) if member.left_on else "Still in the programme",
        }
        for member in members
    ]


def _sessions(programme: Programme) -> list:
    attendances = SessionAttendance.objects.select_related("user", "project").order_by("id")
    return list(
        programme.sessions.prefetch_related(
            "materials", Prefetch("attendances", queryset=attendances)
        )
    )


def calendar(programme: Programme, sessions, team_count: int) -> list[dict]:
    """Learning sessions and the action periods between them, in date order."""
    periods = action_periods([s.held_on for s in sessions], end=programme.end_date)
    entries = [
        {"kind": "session", "day": s.held_on, "session": s, **session_summary(s, team_count)}
        for s in sessions
    ]
    entries += [
        {
            "kind": "period",
            "day": period.starts,
            "name": period.name,
            "dates": f"{long_date(period.starts)} to {long_date(period.ends)}",
        }
        for period in periods
    ]
    return sorted(entries, key=lambda entry: (entry["day"], entry["kind"] == "period"))


def shared_measure_rows(request, programme: Programme, members) -> list[dict]:
    shared = list(programme.shared_measures.select_related("standard"))
    projects = [m.project for m in members]
    measures = measurement_access.measures_visible_to(request.user).filter(
        project__in=projects, standard__in=[s.standard for s in shared]
    )
    by_pair = {(m.project_id, m.standard_id): m for m in measures.order_by("-pk")}
    return [
        {
            "shared": item,
            "standard": item.standard,
            "tag": {"text": "Mandatory", "classes": "nhsuk-tag--blue"}
            if item.is_mandatory
            else {"text": "Optional", "classes": "nhsuk-tag--grey"},
            "teams": [
                {"project": p, "measure": by_pair.get((p.pk, item.standard_id))} for p in projects
            ],
        }
        for item in shared
    ]


def programme_page_context(request, programme: Programme) -> dict:
    members = _members(programme)
    sessions = _sessions(programme)
    regions = list(programme.lead_regions.order_by("name"))
    current = [m for m in members if m.left_on is None]
    return {
        "programme": programme,
        "tabs": programme_tabs(programme, "programme_detail"),
        "status": status_tag(programme),
        "dates": dates_text(programme),
        "aim": aim_text(programme),
        "lead_regions": lead_regions_text(programme, regions),
        "leads": list(programme.leads.order_by("last_name", "first_name")),
        "members": member_rows(members),
        "teams_sentence": teams_sentence(current, members),
        "over_time": members_over_time(members),
        "calendar": calendar(programme, sessions, len(members)),
        "attendance": attendance_tables(sessions, members),
        "shared_measures": shared_measure_rows(request, programme, members),
        "may_edit": access.can_edit_programme(request.user, programme),
    }
