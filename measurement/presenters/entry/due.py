"""What a team is asked to enter: the complete periods since the project's start or the
measure's last entry, whichever is later, told with a cap ("more than 12 weeks to enter") and
what the wait is counted from, so a measure last entered years ago is not "12 weeks" behind.

A completed or stopped project asks for nothing: its past periods can still be corrected.
"""

from dataclasses import dataclass, field
from datetime import date

from core.wording import long_date, plural
from measurement import periods as p
from measurement.presenters.entry.wording import NOUNS, period_label
from projects.models import Project, ProjectStatus

DUE_CAP = 12  # the periods counted one by one: the grid's own span
CLOSED = {ProjectStatus.COMPLETED: "completed", ProjectStatus.STOPPED: "stopped"}


def asks_for_data(project: Project) -> bool:
    return project.status not in CLOSED


def closed_text(project: Project) -> str:
    """'This project was completed on 3 March 2025: …', or '' while it is open."""
    if asks_for_data(project):
        return ""
    ended = project.completed_on if project.status == ProjectStatus.COMPLETED else None
    when = f" on {long_date(ended or project.status_since)}"
    return (
        f"This project was {CLOSED[project.status]}{when}: it no longer asks for data. Its team "
        f"can still correct past periods."
    )


def project_end(project: Project) -> date | None:
    """The day a closed project ended (None while it is open)."""
    if asks_for_data(project):
        return None
    if project.status == ProjectStatus.COMPLETED and project.completed_on:
        return project.completed_on
    return project.status_since


@dataclass(frozen=True)
class Due:
    """The periods awaiting data: how many, from when, and the newest few (newest first)."""

    frequency: str
    count: int = 0
    first: date | None = None  # the first period awaiting data
    last_entered: date | None = None
    newest: list[date] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        return self.count > DUE_CAP

    def text(self) -> str:
        """'3 weeks to enter', 'More than 12 weeks to enter', 'Up to date'."""
        noun = NOUNS[self.frequency]
        if not self.count:
            return "Up to date"
        if self.capped:
            return f"More than {DUE_CAP} {noun}s to enter"
        return f"{plural(self.count, noun)} to enter"

    def since_text(self) -> str:
        """Where a capped count starts: '470 weeks since the last entry (6 Jan 2017)'."""
        if not self.capped:
            return ""
        if self.last_entered:
            last = period_label(self.last_entered, self.frequency)
            return f"{plural(self.count, NOUNS[self.frequency])} since the last entry ({last})"
        started = period_label(self.first, self.frequency)
        return f"Nothing entered since the project started ({started})"


def _count(first: date, last: date, frequency: str) -> int:
    if frequency == p.WEEKLY:
        return (last - first).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def due_for(project: Project, frequency: str, last_entered: date | None, today: date) -> Due:
    """The complete periods since the project's start or `last_entered`, whichever is later."""
    if not asks_for_data(project):
        return Due(frequency, last_entered=last_entered)
    start = p.period_start(project.start_date, frequency)
    first = max(start, p.shift(last_entered, frequency, 1)) if last_entered else start
    last = p.last_complete_period(today, frequency)
    if first > last:
        return Due(frequency, last_entered=last_entered)
    count = _count(first, last, frequency)
    newest = p.last_periods(last, frequency, min(count, DUE_CAP))
    return Due(frequency, count, first, last_entered, newest)


def due_periods(project: Project, frequency: str, last_entered: date | None, today: date):
    """Every period awaiting data, oldest first (a CSV template's rows)."""
    due = due_for(project, frequency, last_entered, today)
    return p.periods_between(due.first, due.newest[0], frequency) if due.count else []
