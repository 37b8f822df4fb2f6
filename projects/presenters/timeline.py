"""A project's history in plain sentences with human dates, for its page's short timeline and
its full history page: "3 December 2026: Amy Khan completed PDSA cycle “Pain score at triage”
and decided to adopt."

Each sentence is built from a history.Change (who, what kind of thing, its name, the fields that
changed); nothing here queries the database.
"""

from dataclasses import dataclass

from django.utils import timezone

from core.wording import long_date
from projects.history import Change, FieldChange

# The kinds of thing a project's history records, as the sentences name them.
PARTS = {
    "Primary driver": "the primary driver",
    "Secondary driver": "the secondary driver",
    "Change idea": "the change idea",
}
# A long value is named, not quoted, in a sentence; the full history page shows it in full.
QUOTABLE = 60


@dataclass(frozen=True)
class TimelineEntry:
    day: str  # "3 December 2026"
    iso: str  # "2026-12-03", for <time datetime>
    sentence: str  # "Amy Khan started the project."
    change: Change


def _and(words: list[str]) -> str:
    """'title', 'title and summary', 'title, summary and aim'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _field(changes: list[FieldChange], label: str) -> FieldChange | None:
    return next((f for f in changes if f.label == label), None)


def _from_to(f: FieldChange) -> str:
    if f.old == "–":
        return f"to “{f.new}”" if len(f.new) <= QUOTABLE else ""
    if max(len(f.old), len(f.new)) > QUOTABLE:
        return ""
    return f"from “{f.old}” to “{f.new}”"


def _project(change: Change) -> str:
    if change.action == "Created":
        return "started the project"
    if change.action == "Deleted":
        return "deleted the project"
    status = _field(change.fields, "Status")
    # A new status brings its own date: the sentence gives the status, from what to what.
    others = [f for f in change.fields if f.label not in ("Status", "Status since")]
    if status:
        said = f"changed the project’s status from “{status.old}” to “{status.new}”"
        return said + (" and its " + _and([f.label.lower() for f in others]) if others else "")
    if len(others) == 1:
        f = others[0]
        return " ".join(filter(None, [f"changed the project’s {f.label.lower()}", _from_to(f)]))
    return "changed the project’s " + _and([f.label.lower() for f in others])


def _part(change: Change) -> str:
    part = f"{PARTS[change.kind]} “{change.name}”"
    if change.action == "Created":
        return f"added {part} to the driver diagram"
    if change.action == "Deleted":
        return f"removed {part} from the driver diagram"
    text = _field(change.fields, "Text")
    if text and len(change.fields) == 1 and _from_to(text):
        return f"renamed {PARTS[change.kind]} “{text.old}” to “{text.new}”"
    return f"changed {part}"


def _cycle(change: Change) -> str:
    cycle = f"PDSA cycle “{change.name}”"
    if change.action == "Created":
        return f"logged {cycle}"
    if change.action == "Deleted":
        return f"deleted {cycle}"
    status = _field(change.fields, "Status")
    decision = _field(change.fields, "Decision")
    decided = f" and decided to {decision.new.lower()}" if decision and decision.new != "–" else ""
    if status and status.new == "Complete":
        return f"completed {cycle}{decided}"
    if decided:
        return f"decided to {decision.new.lower()} after {cycle}"
    if status:
        return f"moved {cycle} on to {status.new.lower()}"
    return f"updated {cycle}’s " + _and([f.label.lower().split(" (")[0] for f in change.fields])


def _a(role: str) -> str:
    """'a team member', 'the project lead'."""
    return f"the {role}" if role.endswith("lead") else f"a {role}"


def _member(change: Change) -> str:
    role = _field(change.fields, "Role")
    if change.action == "Created":
        return f"added {change.name} to the team" + (f" as {_a(role.new.lower())}" if role else "")
    if change.action == "Deleted":
        return f"removed {change.name} from the team"
    if role:
        return f"changed {change.name}’s role from {role.old.lower()} to {role.new.lower()}"
    return f"changed {change.name}’s place on the team"


def sentence(change: Change) -> str:
    """One change as a sentence, starting with who made it."""
    if change.kind == "Project":
        what = _project(change)
    elif change.kind == "PDSA cycle":
        what = _cycle(change)
    elif change.kind == "Team member":
        what = _member(change)
    elif change.kind in PARTS:
        what = _part(change)
    else:
        what = f"{change.action.lower()} {change.what}"
    who = "The system" if change.who == "System" else change.who
    return f"{who} {what}."


def worth_telling(change: Change) -> bool:
    """A save that changed none of the recorded fields says nothing worth a line."""
    return change.action != "Changed" or bool(change.fields)


def timeline(changes: list[Change]) -> list[TimelineEntry]:
    entries = []
    for change in changes:
        day = timezone.localtime(change.when).date() if timezone.is_aware(change.when) else None
        day = day or change.when.date()
        entries.append(TimelineEntry(long_date(day), day.isoformat(), sentence(change), change))
    return entries
