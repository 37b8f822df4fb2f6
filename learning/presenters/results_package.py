"""The change-package matrix: each team against each change in the programme's package, its
status from the PDSA cycles of the team's change ideas linked to the change. Three queries for
all teams: the package, the links of the teams' ideas to it, and those ideas' cycles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from learning import collaborative
from learning.models import ChangeLink, PackageItem
from projects.models import PDSACycle

# Each status in words with a symbol of its own shape: never told by colour alone.
STATUSES = {
    collaborative.NOT_STARTED: ("○", "Not started"),
    collaborative.TESTING: ("◐", "Testing"),
    collaborative.IMPLEMENTED: ("●", "Implemented"),
    collaborative.ABANDONED: ("✕", "Abandoned"),
}


@dataclass(frozen=True)
class PackageMatrix:
    changes: list[dict]  # {"name", "href"}
    rows: list[dict]  # {"team", "href", "cells": [{"status", "symbol", "words"}]}
    totals: list[str]  # per change: "2 of 3 implemented, 1 testing"
    legend: list[dict]


def _cycles_by_idea(idea_ids) -> dict[int, list[collaborative.Cycle]]:
    cycles = defaultdict(list)
    for idea_id, status, decision, start, end, pk in PDSACycle.objects.filter(
        change_idea__in=idea_ids
    ).values_list("change_idea_id", "status", "decision", "start_date", "end_date", "id"):
        cycles[idea_id].append(collaborative.Cycle(status, decision, start, end, pk))
    return cycles


def package_matrix(programme, members) -> PackageMatrix:
    items = list(
        PackageItem.objects.filter(programme=programme)
        .select_related("entry")
        .order_by("position", "id")
    )
    links = list(
        ChangeLink.objects.filter(
            entry__in=[i.entry_id for i in items],
            change_idea__project__in=[m.project_id for m in members],
        ).values_list("entry_id", "change_idea__project_id", "change_idea_id")
    )
    cycles = _cycles_by_idea([idea for _, _, idea in links])
    ideas = defaultdict(list)
    for entry_id, project_id, idea_id in links:
        ideas[(project_id, entry_id)].append(cycles.get(idea_id, []))
    rows = []
    for member in members:
        statuses = [
            collaborative.team_status(ideas.get((member.project_id, i.entry_id), [])) for i in items
        ]
        rows.append(
            {
                "team": member.project.title,
                "href": member.project.get_absolute_url(),
                "cells": [_cell(status) for status in statuses],
            }
        )
    return PackageMatrix(
        changes=[{"name": i.entry.name, "href": i.entry.get_absolute_url()} for i in items],
        rows=rows,
        totals=[_total([row["cells"][n]["status"] for row in rows]) for n in range(len(items))],
        legend=[{"symbol": s, "words": w} for s, w in STATUSES.values()],
    )


def _cell(status: str) -> dict:
    symbol, words = STATUSES[status]
    return {"status": status, "symbol": symbol, "words": words}


def _total(statuses: list[str]) -> str:
    if not statuses:
        return "No teams"
    counts = {s: statuses.count(s) for s in STATUSES if statuses.count(s)}
    parts = [f"{n} {STATUSES[s][1].lower()}" for s, n in counts.items()]
    return f"Of {len(statuses)}: " + ", ".join(parts)
