"""Attendance at a programme's learning sessions: by team and by person, with the mean feedback
score and how many said they contributed to learning."""

from statistics import mean

from core.wording import long_date, plural


def _person(attendance) -> str:
    user = attendance.user
    return (user.get_full_name() or user.username) if user else ""


def session_summary(session, team_count: int) -> dict:
    """For one session (its attendances prefetched): teams, people, feedback, contribution."""
    rows = list(session.attendances.all())
    teams = {row.project_id for row in rows if row.project_id}
    people = [row for row in rows if row.user_id]
    scores = [row.feedback_score for row in rows if row.feedback_score is not None]
    answered = [row.contributed for row in rows if row.contributed is not None]
    return {
        "teams_attended": f"{len(teams)} of {plural(team_count, 'team')}",
        "people": plural(len(people), "person", "people"),
        "mean_feedback": f"{mean(scores):.1f} out of 10 ({plural(len(scores), 'score')})"
        if scores
        else "No scores",
        "contributed": f"{sum(answered)} of {len(answered)} said they contributed"
        if answered
        else "Not asked",
        "materials": list(session.materials.all()),
        "date": long_date(session.held_on),
    }


def attendance_tables(sessions, members) -> dict:
    """A team × session table: who came for each team to each session."""
    rows = []
    for member in members:
        cells = []
        for session in sessions:
            came = [a for a in session.attendances.all() if a.project_id == member.project_id]
            names = ", ".join(name for name in map(_person, came) if name)
            cells.append(("Attended" + (f": {names}" if names else "")) if came else "Not recorded")
        rows.append({"project": member.project, "cells": cells})
    people = [
        {"session": session, "name": _person(a), "feedback": a.feedback_score}
        for session in sessions
        for a in session.attendances.all()
        if a.user_id and not a.project_id
    ]
    return {"sessions": sessions, "rows": rows, "people_without_team": people}
