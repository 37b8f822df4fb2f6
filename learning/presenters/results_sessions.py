"""Attendance and feedback at each learning session, in one query for all sessions: teams
attending out of the member teams then, people, mean feedback and who said they contributed."""

from __future__ import annotations

from collections import defaultdict

from core.wording import long_date, plural
from learning import collaborative
from learning.models import FEEDBACK_SCORE_MAX, SessionAttendance


def session_rows(members, sessions) -> list[dict]:
    attendance = defaultdict(list)
    for session_id, project_id, user_id, score, contributed in SessionAttendance.objects.filter(
        session__in=[s.pk for s in sessions]
    ).values_list("session_id", "project_id", "user_id", "feedback_score", "contributed"):
        attendance[session_id].append(
            collaborative.Attendance(
                str(project_id) if project_id else None,
                str(user_id) if user_id else None,
                score,
                contributed,
            )
        )
    memberships = [
        collaborative.Membership(str(m.project_id), m.joined_on, m.left_on) for m in members
    ]
    return [_row(session, attendance[session.pk], memberships) for session in sessions]


def _row(session, rows, memberships) -> dict:
    day = session.held_on
    members = {m.team for m in memberships if m.member_during(day, day)}
    figures = collaborative.session_figures(rows, members)
    return {
        "title": session.title,
        "when": long_date(day),
        "mode": session.get_mode_display(),
        "teams": f"{figures.teams} of {figures.members}",
        "people": str(figures.people),
        "feedback": "–"
        if figures.feedback_mean is None
        else f"{figures.feedback_mean:.1f} out of {FEEDBACK_SCORE_MAX} "
        f"({plural(figures.feedback_count, 'answer')})",
        "contributed": "–"
        if figures.contributed_share is None
        else f"{figures.contributed_share:.0%} ({plural(figures.contributed_count, 'answer')})",
    }
