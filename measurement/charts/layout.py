"""Where things go: the figure is sized around a fixed plot area, so legends never cover data.

Everything is planned in inches from the figure's bottom-left corner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .style import FIGURE_SIZE, NARROW_WIDTH

LEFT = 0.8  # room for the y tick labels (and a unit label)
RIGHT = 0.3
MARGIN = 0.12  # title, subtitle and legends start here from the left edge
PLOT_HEIGHT = 3.3
NARROW_PLOT_HEIGHT = 2.7
TITLE_BLOCK = 0.85  # title and one line of subtitle
SUBTITLE_LINE = 0.2  # each further line of subtitle
PDSA_ROW = 0.24  # one row of numbered PDSA markers above the plot
TICKS = 0.42  # x tick labels under the plot
LEGEND_ROW = 0.22
LEGEND_GAP = 0.1  # under each legend
CHAR_WIDTH = 0.064  # inches per character of 9 pt Arial, generously: columns must not touch
HANDLE_WIDTH = 0.42
HANDLE_GAP = 0.1
COLUMN_GAP = 0.25
ICON_SIZE = 0.5
MAX_COLUMNS = 4
LABEL_PAD = 0.15  # between the plot's right edge and a label at the end of a line


@dataclass(frozen=True)
class Frame:
    """The figure's width and what follows from it: a narrow chart is for a phone's screen,
    drawn at the same text sizes so that it is read at its own size, not shrunk."""

    width: float = FIGURE_SIZE[0]
    plot_height: float = PLOT_HEIGHT
    max_ticks: int = 9

    def plot_width(self, right: float = RIGHT) -> float:
        return self.width - LEFT - right


WIDE = Frame()
NARROW = Frame(NARROW_WIDTH, NARROW_PLOT_HEIGHT, max_ticks=4)


@dataclass(frozen=True)
class Grid:
    """Legend entries in columns, filled top to bottom then left to right."""

    count: int
    columns: tuple[float, ...]  # x of each column's handle
    rows: int
    title: bool = False

    @property
    def height(self) -> float:
        lines = self.rows + int(self.title)
        return lines * LEGEND_ROW + LEGEND_GAP if self.count else 0.0

    def place(self, index: int) -> tuple[float, int]:
        """The x of entry `index` and its row (0 = top row, after any title)."""
        return self.columns[index // self.rows], index % self.rows + int(self.title)


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    top: float  # from the top of the figure to the top of the plot
    legend: Grid
    pdsa: Grid
    right: float = RIGHT
    notes: Grid = Grid(0, (), 0)
    plot_height: float = PLOT_HEIGHT

    def axes_rect(self) -> list[float]:
        """[left, bottom, width, height] as fractions of the figure."""
        bottom = TICKS + self.legend_top()
        return [
            LEFT / self.width,
            bottom / self.height,
            (self.width - LEFT - self.right) / self.width,
            self.plot_height / self.height,
        ]

    def legend_top(self) -> float:
        return self.legend.height + self.pdsa_top()

    def pdsa_top(self) -> float:
        return self.pdsa.height + self.notes_top()

    def notes_top(self) -> float:
        return self.notes.height


def plan(
    legend_labels: list[str],
    pdsa_labels: list[str],
    pdsa_rows: int,
    end_label: str = "",
    frame: Frame = WIDE,
    note_labels: tuple[str, ...] = (),
    subtitle_lines: int = 1,
) -> Layout:
    """`end_label` is the text at the right-hand end of a line (the target's), if any."""
    width = frame.width
    legend = grid(legend_labels, width)
    pdsa = grid(pdsa_labels, width, title=True)
    notes = grid(list(note_labels), width, title=True)
    top = TITLE_BLOCK + (subtitle_lines - 1) * SUBTITLE_LINE
    top += pdsa_rows * PDSA_ROW + 0.08 if pdsa_rows else 0.15
    height = top + frame.plot_height + TICKS + legend.height + pdsa.height + notes.height
    right = right_margin(end_label)
    return Layout(width, height, top, legend, pdsa, right, notes, frame.plot_height)


def right_margin(end_label: str) -> float:
    """Room for the label at the end of a line: as wide as its longest line, on any width."""
    if not end_label:
        return RIGHT
    longest = max(map(len, end_label.splitlines()))
    return max(RIGHT, LABEL_PAD + CHAR_WIDTH * longest)


def grid(labels: list[str], width: float, title: bool = False) -> Grid:
    """As many columns as fit (most first), each as wide as its longest label."""
    if not labels:
        return Grid(0, (), 0)
    for columns in range(min(MAX_COLUMNS, len(labels)), 0, -1):
        rows = math.ceil(len(labels) / columns)
        widths = [_width(labels[i : i + rows]) for i in range(0, len(labels), rows)]
        if sum(widths) <= width - 2 * MARGIN or columns == 1:
            starts = [MARGIN + sum(widths[:i]) for i in range(len(widths))]
            return Grid(len(labels), tuple(starts), rows, title)
    raise AssertionError("unreachable: one column always fits")


def _width(labels: list[str]) -> float:
    return HANDLE_WIDTH + HANDLE_GAP + CHAR_WIDTH * max(map(len, labels)) + COLUMN_GAP
