"""A driver diagram's content as plain, frozen (so hashable and cacheable) dataclasses: what the
presenter reads from the database and the layout, outline and renderer work from. Pure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SecondaryInput:
    id: int
    text: str


@dataclass(frozen=True)
class PrimaryInput:
    id: int
    text: str
    secondaries: tuple[SecondaryInput, ...] = ()


@dataclass(frozen=True)
class IdeaInput:
    id: int
    text: str
    secondary_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DiagramInput:
    """Everything drawn, in display order; frozen and hashable so renderings can be cached."""

    aim: str
    primaries: tuple[PrimaryInput, ...] = ()
    ideas: tuple[IdeaInput, ...] = ()
    title: str = "Driver diagram"

    @property
    def secondaries(self) -> tuple[SecondaryInput, ...]:
        return tuple(s for p in self.primaries for s in p.secondaries)
