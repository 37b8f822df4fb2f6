"""Weekly values for many measures in one request (POST /api/v1/data/).

Each point names its measure. The rows are grouped by measure and each group is checked by the
same entry rules as a single measure's batch; then every group is saved together by the same
service (measurement.services.point_saves), which checks the permission for each measure and
writes the history. By default any rejected row anywhere saves nothing.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone

from core.api.fields import MAX_ID
from measurement import access
from measurement.entry_rules import Problem
from measurement.models import DataType, Measure
from measurement.services.data import ImportSummary
from measurement.services.point_checks import measure_points_checked
from measurement.services.point_saves import MeasurePoints, points_save
from projects import access as projects_access
from regions.models import User


@dataclass
class Group:
    measure: Measure
    indexes: list[int] = field(default_factory=list)  # each row's position in the batch
    rows: list[dict] = field(default_factory=list)


def _measure_id(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    return raw if isinstance(raw, int) and 0 < raw <= MAX_ID else None


def _measure_problem(index: int, row: dict, code: str, message: str) -> Problem:
    return Problem(index, str(row.get("period") or ""), "measure", code, message)


def group_rows(by: User, rows: list[dict]) -> tuple[list[Group], list[Problem]]:
    """Groups rows by measure; rows naming no measure this user may enter are problems."""
    ids = [_measure_id(row.get("measure")) for row in rows]
    measures = {
        m.pk: m
        for m in access.measures_visible_to(by)
        .filter(pk__any=set(ids) - {None})
        .select_related("project")
        # What the checks and the save read: a Monday's 10,000 whole measures cost more to load
        # than to save.
        .only("name", "data_type", "frequency", "allow_decimals", "project__title")
    }
    editable_projects = set(
        projects_access.projects_editable_by(by)
        .filter(pk__any={m.project_id for m in measures.values()})
        .values_list("pk", flat=True)
    )
    editable = {pk for pk, m in measures.items() if m.project_id in editable_projects}
    groups: dict[int, Group] = {}
    problems = []
    for index, (row, measure_id) in enumerate(zip(rows, ids, strict=True)):
        group = groups.get(measure_id)  # a measure accepted once is accepted for every row
        if group is None:
            measure = measures.get(measure_id)
            problem = _row_refusal(index, row, measure, measure_id in editable)
            if problem:
                problems.append(problem)
                continue
            group = groups[measure.pk] = Group(measure)
        group.indexes.append(index)
        group.rows.append(row)
    return [groups[pk] for pk in sorted(groups)], problems  # id order: no lock cycles


def _row_refusal(index, row, measure, may_enter) -> Problem | None:
    if row.get("measure") in (None, ""):
        return _measure_problem(index, row, "required", "Name the measure (its id) of every point")
    if measure is None:
        return _measure_problem(
            index, row, "unknown_measure", f"There is no measure with the id {row.get('measure')}"
        )
    if not may_enter:
        return _measure_problem(
            index,
            row,
            "not_permitted",
            f"Only the team of “{measure.project.title}”, leads of its regions and national "
            f"admins can enter its data",
        )
    if measure.data_type == DataType.EVENTS:
        return _measure_problem(
            index,
            row,
            "events_measure",
            f"“{measure.name}” records dated events: send them to "
            f"/api/v1/measures/{measure.pk}/events/",
        )
    return None


def _period_key(row: dict):
    try:
        return date.fromisoformat(str(row.get("period")).strip())
    except ValueError:
        return None


def _in_batch(problem: Problem, group: Group) -> Problem:
    """The problem renumbered from the group's rows to the batch's."""
    index = group.indexes[problem.index]
    if problem.code != "duplicate_period":
        return replace(problem, index=index)
    key = _period_key(group.rows[problem.index])
    first = next(
        i for i, row in zip(group.indexes, group.rows, strict=True) if _period_key(row) == key
    )
    return replace(
        problem, index=index, message=f"This period of the measure is also given in row {first + 1}"
    )


def upsert_many(*, by: User, rows: list[dict], partial: bool, dry_run: bool) -> ImportSummary:
    groups, problems = group_rows(by, rows)
    batches = []
    today = timezone.localdate()
    for group in groups:
        clean, group_problems = measure_points_checked(group.measure, group.rows, today)
        problems += [_in_batch(problem, group) for problem in group_problems]
        batches.append(MeasurePoints(group.measure, clean))
    problems.sort(key=lambda problem: problem.index)
    summary = ImportSummary(rejected=problems)
    if problems and not partial:
        return summary  # all or nothing: every rejected row is listed, nothing is saved
    return summary.add(points_save(by=by, batches=batches, dry_run=dry_run))
