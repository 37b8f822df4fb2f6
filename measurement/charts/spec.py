"""What a chart needs besides the analysis: titles, display units, target, PDSA cycles, notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from measurement.spc.types import IMPROVEMENTS


@dataclass(frozen=True)
class PdsaMarker:
    """A PDSA cycle of the project, drawn as a numbered marker from its start date."""

    number: int
    start: date
    title: str


@dataclass(frozen=True)
class NoteMarker:
    """A team's note on one point, drawn as a numbered marker at the point."""

    number: int
    period: date
    text: str
    by: str = ""  # who wrote it
    on: date | None = None  # when


FREQUENCIES = ("weekly", "monthly", None)  # None: events, dated as they happen


@dataclass(frozen=True)
class ChartSpec:
    title: str
    unit: str = ""  # e.g. "%" or "days"; "%" and "‰" sit against the number
    # Plotted values, centre, limits and target are multiplied by it (100 shows a proportion as %).
    multiplier: float = 1.0
    target: float | None = None  # in data units, before the multiplier
    improvement: str = "neither"
    pdsa_markers: tuple[PdsaMarker, ...] = ()
    rules_label: str = ""  # e.g. "Making Data Count rules"
    chart_label: str = ""  # e.g. "XmR chart"
    frequency: str | None = "weekly"  # a long gap between points breaks the line
    notes: tuple[NoteMarker, ...] = ()

    def __post_init__(self):
        if self.improvement not in IMPROVEMENTS:
            raise ValueError(f"improvement must be one of {IMPROVEMENTS}, not {self.improvement!r}")
        if not self.multiplier > 0:
            raise ValueError("the display multiplier must be above zero")
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"frequency must be one of {FREQUENCIES}, not {self.frequency!r}")
