"""Sorting the summary's rows by a column, either way, and the column headings that sort.

Pure: no Django. Icons sort in the matrix's order (concern first), blanks (no data, no
target) always last whichever way; ties keep project, then measure, order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .matrix import ASSURANCES, VARIATIONS
from .types import SummaryRow

_VARIATION_RANK = {code: n for n, (code, _) in enumerate(VARIATIONS)}
_ASSURANCE_RANK = {code: n for n, (code, _) in enumerate(ASSURANCES)}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[SummaryRow], object]  # None sorts last
    numeric: bool = False


COLUMNS = [
    Column("measure", "Measure", lambda r: r.measure_name.casefold()),
    Column("project", "Project", lambda r: r.project_title.casefold()),
    Column("region", "Region", lambda r: r.region_name),
    Column("latest", "Latest value", lambda r: r.latest_value, numeric=True),
    Column("period", "Latest period", lambda r: r.latest_period),
    Column("target", "Target", lambda r: r.target, numeric=True),
    Column("variation", "Variation", lambda r: _VARIATION_RANK.get(r.variation, 99)),
    Column("assurance", "Assurance", lambda r: _ASSURANCE_RANK.get(r.assurance, 99)),
]
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "variation"


def read_sort(text: str) -> str:
    """A known sort ('target', '-target'), else the default."""
    return text if text.removeprefix("-") in BY_KEY else DEFAULT_SORT


def sort_rows(rows: list[SummaryRow], sort: str) -> list[SummaryRow]:
    sort = read_sort(sort)
    column = BY_KEY[sort.removeprefix("-")]
    descending = sort.startswith("-")
    ties = sorted(
        rows, key=lambda r: (r.project_title.casefold(), r.measure_name.casefold(), r.measure_id)
    )
    known = [row for row in ties if column.value(row) is not None]
    blank = [row for row in ties if column.value(row) is None]
    return sorted(known, key=column.value, reverse=descending) + blank


@dataclass(frozen=True)
class Heading:
    key: str
    label: str
    sort: str  # the sort its link asks for
    aria_sort: str  # "ascending", "descending" or "" when not sorted by it
    action: str  # what following the link does, for screen readers
    numeric: bool


def headings(sort: str) -> list[Heading]:
    """Each column's heading: its link sorts by it, or the other way when it is the sort."""
    sort = read_sort(sort)
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    result = []
    for column in COLUMNS:
        if column.key == current:
            asks = column.key if descending else f"-{column.key}"
            aria = "descending" if descending else "ascending"
        else:
            asks, aria = column.key, ""
        way = "descending" if asks.startswith("-") else "ascending"
        action = f"sort by {column.label.lower()}, {way}"
        result.append(Heading(column.key, column.label, asks, aria, action, column.numeric))
    return result
