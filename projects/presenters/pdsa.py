"""Display values for PDSA cycles and a change idea's ramp of cycles."""

from core.wording import long_date
from projects import access
from projects.models import ChangeIdea, PDSACycle, Project
from projects.presenters.project import decision_tag

PHASES = [
    ("Plan", [("Questions", "questions"), ("Predictions", "predictions"), ("Plan", "plan")]),
    ("Do", [("What happened", "what_happened")]),
    ("Study", [("Results compared with predictions", "results")]),
    ("Act", [("Next steps", "next_steps")]),
]


def ramp(cycles: list[PDSACycle]) -> list[PDSACycle]:
    """Cycles in ramp order: each after the one it follows, ramps started earliest first."""
    by_parent: dict[int | None, list[PDSACycle]] = {}
    ids = {c.pk for c in cycles}
    for cycle in sorted(cycles, key=lambda c: (c.start_date, c.pk)):
        parent = cycle.follows_id if cycle.follows_id in ids else None
        by_parent.setdefault(parent, []).append(cycle)
    ordered: list[PDSACycle] = []

    def walk(parent):
        for cycle in by_parent.get(parent, []):
            ordered.append(cycle)
            walk(cycle.pk)

    walk(None)
    return ordered


def cycle_context(request, project: Project, cycle: PDSACycle) -> dict:
    return {
        "project": project,
        "cycle": cycle,
        "phases": [
            (name, [(label, getattr(cycle, attr)) for label, attr in fields])
            for name, fields in PHASES
        ],
        "decision": decision_tag(cycle.decision, cycle.get_decision_display()),
        "followed_by": list(cycle.followed_by.all()),
        "may_edit": access.can_edit_project(request.user, project),
        "long_date": long_date,
    }


def change_idea_context(request, project: Project, idea: ChangeIdea) -> dict:
    cycles = ramp(list(idea.cycles.select_related("owner")))
    decided = [c for c in cycles if c.decision]
    # The same rule as the portfolio's (projects.selectors.decision_columns).
    latest = max(
        decided, key=lambda c: (c.end_date or c.start_date, c.start_date, c.pk), default=None
    )
    return {
        "project": project,
        "idea": idea,
        "secondary_drivers": list(idea.secondary_drivers.select_related("primary_driver")),
        "cycles": cycles,
        "latest": latest,
        "latest_tag": decision_tag(latest.decision, latest.get_decision_display())
        if latest
        else None,
        "may_edit": access.can_edit_project(request.user, project),
        "long_date": long_date,
        "decision_tag": decision_tag,
    }
