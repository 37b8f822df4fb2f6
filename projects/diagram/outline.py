"""The driver diagram as nested text: the screen-reader equivalent of the picture. Pure.

A change idea serving several secondary drivers appears under each of them, as the connectors
in the picture show it; ideas serving none are listed on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.wording import plural
from projects.diagram.nodes import DiagramInput, IdeaInput


@dataclass(frozen=True)
class OutlineSecondary:
    id: int
    text: str
    ideas: tuple[IdeaInput, ...]


@dataclass(frozen=True)
class OutlinePrimary:
    id: int
    text: str
    secondaries: tuple[OutlineSecondary, ...]


@dataclass(frozen=True)
class Outline:
    aim: str
    primaries: tuple[OutlinePrimary, ...]
    unlinked_ideas: tuple[IdeaInput, ...]
    summary: str


def summary(diagram: DiagramInput) -> str:
    """'2 primary drivers, 3 secondary drivers and 1 change idea'."""
    return (
        f"{plural(len(diagram.primaries), 'primary driver')}, "
        f"{plural(len(diagram.secondaries), 'secondary driver')} and "
        f"{plural(len(diagram.ideas), 'change idea')}"
    )


def outline(diagram: DiagramInput) -> Outline:
    serving: dict[int, list[IdeaInput]] = {s.id: [] for s in diagram.secondaries}
    for idea in diagram.ideas:
        for s_id in idea.secondary_ids:
            if s_id in serving:
                serving[s_id].append(idea)
    primaries = tuple(
        OutlinePrimary(p.id, p.text, tuple(
            OutlineSecondary(s.id, s.text, tuple(serving[s.id])) for s in p.secondaries
        ))
        for p in diagram.primaries
    )  # fmt: skip
    unlinked = tuple(i for i in diagram.ideas if not any(s in serving for s in i.secondary_ids))
    return Outline(diagram.aim, primaries, unlinked, summary(diagram))


def as_text(tree: Outline) -> str:
    """One node a line, indented by level: the SVG's <desc> and the PNG's description."""
    lines = [f"Aim: {tree.aim}"]
    for primary in tree.primaries:
        lines.append(f"  Primary driver: {primary.text}")
        for secondary in primary.secondaries:
            lines.append(f"    Secondary driver: {secondary.text}")
            lines += [f"      Change idea: {idea.text}" for idea in secondary.ideas]
    lines += [f"  Change idea not linked to a driver: {idea.text}" for idea in tree.unlinked_ideas]
    return "\n".join(lines)
