from django.db import transaction

from core.keywords import NOT_GIVEN, given
from projects.models import PDSACycle, Project
from projects.services.activity import note_activity
from projects.services.permissions import check_may_edit
from regions.models import User


@transaction.atomic
def pdsa_cycle_create(
    *,
    by: User,
    project: Project,
    change_idea=NOT_GIVEN,
    follows=NOT_GIVEN,
    title=NOT_GIVEN,
    objective=NOT_GIVEN,
    owner=NOT_GIVEN,
    status=NOT_GIVEN,
    start_date=NOT_GIVEN,
    end_date=NOT_GIVEN,
    questions=NOT_GIVEN,
    predictions=NOT_GIVEN,
    plan=NOT_GIVEN,
    what_happened=NOT_GIVEN,
    results=NOT_GIVEN,
    decision=NOT_GIVEN,
    next_steps=NOT_GIVEN,
) -> PDSACycle:
    """Logs a cycle testing one of the project's change ideas."""
    values = given(locals(), leave_out=("by", "project"))
    check_may_edit(by, project)
    cycle = PDSACycle(project=project, **values)
    cycle._history_user = by
    cycle.full_clean()
    cycle.save()
    note_activity([cycle.project_id])
    return cycle


@transaction.atomic
def pdsa_cycle_update(
    *,
    by: User,
    cycle: PDSACycle,
    change_idea=NOT_GIVEN,
    follows=NOT_GIVEN,
    title=NOT_GIVEN,
    objective=NOT_GIVEN,
    owner=NOT_GIVEN,
    status=NOT_GIVEN,
    start_date=NOT_GIVEN,
    end_date=NOT_GIVEN,
    questions=NOT_GIVEN,
    predictions=NOT_GIVEN,
    plan=NOT_GIVEN,
    what_happened=NOT_GIVEN,
    results=NOT_GIVEN,
    decision=NOT_GIVEN,
    next_steps=NOT_GIVEN,
) -> PDSACycle:
    """Records what happened, what was learnt and the decision as the cycle runs."""
    changes = given(locals(), leave_out=("by", "cycle"))
    check_may_edit(by, cycle.project)
    for name, value in changes.items():
        setattr(cycle, name, value)
    cycle._history_user = by
    cycle.full_clean()
    cycle.save()
    note_activity([cycle.project_id])
    return cycle
