"""Writes to the driver diagram: add, rename, reorder, move, link and delete its nodes.

Each checks the acting user may edit the project, names them in the history (`_history_user`)
and saves all or nothing. A node is a PrimaryDriver, SecondaryDriver or ChangeIdea; new nodes go
last among their siblings.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet

from projects.models import ChangeIdea, PrimaryDriver, Project, SecondaryDriver
from projects.services.permissions import check_may_edit
from regions.models import User

Node = PrimaryDriver | SecondaryDriver | ChangeIdea
DIRECTIONS = ("up", "down")
TEXT_MAX_LENGTH = PrimaryDriver._meta.get_field("text").max_length


def project_of(node: Node) -> Project:
    if isinstance(node, SecondaryDriver):
        return node.primary_driver.project
    return node.project


def _noun(model: type[Node]) -> str:
    return "change idea" if model is ChangeIdea else "driver"


def _text_problem(text: str, model: type[Node]) -> str | None:
    if not text:
        return f"Enter the {_noun(model)}'s text"
    if len(text) > TEXT_MAX_LENGTH:
        return (
            f"The {_noun(model)}'s text must be {TEXT_MAX_LENGTH} characters or fewer "
            f"(it has {len(text)})"
        )
    return None


def _foreign_problem(secondaries: list[SecondaryDriver], project: Project) -> str | None:
    ours = set(
        SecondaryDriver.objects.filter(
            pk__in=[s.pk for s in secondaries], primary_driver__project=project
        ).values_list("pk", flat=True)
    )
    foreign = [s for s in secondaries if s.pk not in ours]
    if foreign:
        return (
            f"“{foreign[0].text}” is a secondary driver of another project; choose secondary "
            f"drivers from this project's diagram"
        )
    return None


def _raise_if_any(**problems: str | None) -> None:
    errors = {field: problem for field, problem in problems.items() if problem}
    if errors:
        raise ValidationError(errors)


def _lock(project: Project) -> None:
    """Serialises edits to one project's diagram, so two people adding at once cannot take the
    same position (PostgreSQL row lock; SQLite already serialises writes)."""
    list(Project.objects.select_for_update().filter(pk=project.pk).values_list("pk"))


def _siblings(node: Node) -> QuerySet:
    if isinstance(node, SecondaryDriver):
        return SecondaryDriver.objects.filter(primary_driver_id=node.primary_driver_id)
    return type(node).objects.filter(project_id=node.project_id)


def _next_position(siblings: QuerySet) -> int:
    last = siblings.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _save(node: Node, by: User) -> Node:
    node._history_user = by
    node.full_clean()
    node.save()
    return node


def _prepared(by: User, project: Project) -> None:
    check_may_edit(by, project)
    _lock(project)


@transaction.atomic
def primary_driver_add(*, by: User, project: Project, text: str) -> PrimaryDriver:
    _prepared(by, project)
    text = (text or "").strip()
    _raise_if_any(text=_text_problem(text, PrimaryDriver))
    position = _next_position(PrimaryDriver.objects.filter(project=project))
    return _save(PrimaryDriver(project=project, text=text, position=position), by)


@transaction.atomic
def secondary_driver_add(*, by: User, primary_driver: PrimaryDriver, text: str) -> SecondaryDriver:
    _prepared(by, primary_driver.project)
    text = (text or "").strip()
    _raise_if_any(text=_text_problem(text, SecondaryDriver))
    position = _next_position(primary_driver.secondary_drivers.all())
    driver = SecondaryDriver(primary_driver=primary_driver, text=text, position=position)
    return _save(driver, by)


@transaction.atomic
def change_idea_add(
    *, by: User, project: Project, text: str, secondary_drivers: Iterable[SecondaryDriver] = ()
) -> ChangeIdea:
    _prepared(by, project)
    text, secondaries = (text or "").strip(), list(secondary_drivers)
    _raise_if_any(
        text=_text_problem(text, ChangeIdea),
        secondary_drivers=_foreign_problem(secondaries, project),
    )
    position = _next_position(ChangeIdea.objects.filter(project=project))
    idea = _save(ChangeIdea(project=project, text=text, position=position), by)
    if secondaries:
        idea.secondary_drivers.set(secondaries)
    return idea


@transaction.atomic
def node_rename(*, by: User, node: Node, text: str) -> Node:
    _prepared(by, project_of(node))
    text = (text or "").strip()
    _raise_if_any(text=_text_problem(text, type(node)))
    if text == node.text:
        return node
    node.text = text
    return _save(node, by)


@transaction.atomic
def node_move(*, by: User, node: Node, direction: str) -> Node:
    """Swaps the node with its neighbour above or below; at either end it stays put."""
    _prepared(by, project_of(node))
    if direction not in DIRECTIONS:
        _raise_if_any(direction="Choose to move it up or down")
    siblings = list(_siblings(node))
    index = [sibling.pk for sibling in siblings].index(node.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        _renumber(siblings, by)
        node.position = other
    return node


def _renumber(siblings: list[Node], by: User) -> None:
    """Positions 0, 1, 2... in list order; only rows whose position changes are written."""
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling._history_user = by
            sibling.save(update_fields=["position"])


@transaction.atomic
def secondary_driver_reparent(
    *, by: User, secondary_driver: SecondaryDriver, primary_driver: PrimaryDriver
) -> SecondaryDriver:
    """Moves a secondary driver (and its links to change ideas) under another primary driver."""
    project = project_of(secondary_driver)
    _prepared(by, project)
    if primary_driver.project_id != project.pk:
        _raise_if_any(primary_driver="Choose a primary driver from this project's diagram")
    if primary_driver.pk == secondary_driver.primary_driver_id:
        return secondary_driver
    secondary_driver.primary_driver = primary_driver
    secondary_driver.position = _next_position(primary_driver.secondary_drivers.all())
    return _save(secondary_driver, by)


@transaction.atomic
def change_idea_link(
    *, by: User, change_idea: ChangeIdea, secondary_drivers: Iterable[SecondaryDriver]
) -> ChangeIdea:
    """Sets exactly which secondary drivers the change idea serves (none is allowed)."""
    _prepared(by, change_idea.project)
    secondaries = list(secondary_drivers)
    _raise_if_any(secondary_drivers=_foreign_problem(secondaries, change_idea.project))
    change_idea._history_user = by
    change_idea.secondary_drivers.set(secondaries)
    return change_idea


def delete_refusal(node: Node) -> str | None:
    """Why the node may not be deleted, or None. Pages ask first so they can say so up front."""
    if isinstance(node, ChangeIdea):
        cycles = node.cycles.count()
        if cycles:
            return (
                f"This change idea has {cycles} PDSA cycle{'' if cycles == 1 else 's'}, so it "
                f"cannot be deleted; the cycles record what was tested. You can rename it or "
                f"unlink it from its secondary drivers instead."
            )
    return None


@transaction.atomic
def node_delete(*, by: User, node: Node) -> None:
    """Deletes the node; a primary driver takes its secondary drivers with it. Change ideas are
    never deleted with a driver: they lose the link and stay in the project's list."""
    _prepared(by, project_of(node))
    refusal = delete_refusal(node)
    if refusal:
        raise ValidationError(refusal, code="has_cycles")
    _delete(node, by)


def _delete(node: Node, by: User) -> None:
    # Children and links are removed one by one, not by cascade, so each removal is in the
    # history under the person who did it.
    if isinstance(node, PrimaryDriver):
        for secondary in node.secondary_drivers.all():
            _delete(secondary, by)
    if isinstance(node, SecondaryDriver):
        for idea in node.change_ideas.all():
            idea._history_user = by
            idea.secondary_drivers.remove(node)
    node._history_user = by
    node.delete()
