from django.db import transaction

from projects.models import PDSACycle, Project
from projects.services.permissions import check_may_edit
from regions.models import User

FIELDS = (
    "change_idea",
    "follows",
    "title",
    "objective",
    "owner",
    "status",
    "start_date",
    "end_date",
    "questions",
    "predictions",
    "plan",
    "what_happened",
    "results",
    "decision",
    "next_steps",
)


def _check_fields(values: dict) -> None:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown PDSA cycle fields: {', '.join(sorted(unknown))}")


@transaction.atomic
def pdsa_cycle_create(*, by: User, project: Project, **values) -> PDSACycle:
    """Logs a cycle testing one of the project's change ideas."""
    check_may_edit(by, project)
    _check_fields(values)
    cycle = PDSACycle(project=project, **values)
    cycle._history_user = by
    cycle.full_clean()
    cycle.save()
    return cycle


@transaction.atomic
def pdsa_cycle_update(*, by: User, cycle: PDSACycle, **changes) -> PDSACycle:
    """Records what happened, what was learnt and the decision as the cycle runs."""
    check_may_edit(by, cycle.project)
    _check_fields(changes)
    for name, value in changes.items():
        setattr(cycle, name, value)
    cycle._history_user = by
    cycle.full_clean()
    cycle.save()
    return cycle
