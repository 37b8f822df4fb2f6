"""The programme's results page: what each section shows, read in a fixed number of queries
however many teams the programme has (each section reads its rows for all teams at once).

The sections live beside this module: results_measures (small multiples and the collaborative's
chart of each shared measure), results_progress (IHI progress scores by month), results_package
(the change-package matrix) and results_sessions (attendance and feedback).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from core.wording import long_date
from learning.calendar import action_periods
from learning.models import LearningSession, Programme, ProgrammeMember
from learning.presenters.results_measures import measure_sections
from learning.presenters.results_package import package_matrix
from learning.presenters.results_progress import progress_section
from learning.presenters.results_sessions import session_rows
from learning.results_svg import Band, Session


@dataclass(frozen=True)
class Calendar:
    sessions: list[LearningSession]
    markers: list[Session]  # the sessions as the charts label them: LS1, LS2 ...
    bands: list[Band]  # the action periods between them
    rows: list[dict]  # the calendar in words, for the list under the charts


def calendar_of(programme: Programme, sessions: list[LearningSession]) -> Calendar:
    periods = action_periods([s.held_on for s in sessions], end=programme.end_date)
    markers, seen = [], {}
    for session in sessions:
        seen.setdefault(session.held_on, f"LS{len(seen) + 1}")
        markers.append(Session(session.held_on, seen[session.held_on]))
    bands = [Band(p.starts, p.ends, p.name, f"AP{p.number}") for p in periods]
    return Calendar(sessions, markers, bands, _in_order(sessions, markers, periods))


def _in_order(sessions, markers, periods) -> list[dict]:
    """Sessions and action periods as they follow one another."""
    rows = [
        (s.held_on, 0, f"{m.label}: {s.title}", long_date(s.held_on))
        for s, m in zip(sessions, markers, strict=True)
    ]
    rows += [
        (p.starts, 1, p.name, f"{long_date(p.starts)} to {long_date(p.ends)}") for p in periods
    ]
    return [{"name": name, "when": when} for _, _, name, when in sorted(rows)]


def results_until(programme: Programme, today: date | None = None) -> date:
    """The last day the results run to: the programme's end, or today while it runs."""
    today = today or timezone.localdate()
    return min(programme.end_date, today) if programme.end_date else today


def results_context(programme: Programme) -> dict:
    members = list(
        ProgrammeMember.objects.filter(programme=programme)
        .select_related("project__lead_region")
        .order_by("joined_on", "id")
    )
    sessions = list(LearningSession.objects.filter(programme=programme).order_by("held_on", "id"))
    calendar = calendar_of(programme, sessions)
    until = results_until(programme)
    return {
        "programme": programme,
        "members": members,
        "calendar": calendar,
        "measures": measure_sections(programme, members, calendar),
        "progress": progress_section(programme, members, until),
        "package": package_matrix(programme, members),
        "sessions": session_rows(members, sessions),
    }
