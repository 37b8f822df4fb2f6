"""What a chart needs besides the analysis: titles, display units, target and PDSA cycles."""

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

    def __post_init__(self):
        if self.improvement not in IMPROVEMENTS:
            raise ValueError(f"improvement must be one of {IMPROVEMENTS}, not {self.improvement!r}")
        if not self.multiplier > 0:
            raise ValueError("the display multiplier must be above zero")
