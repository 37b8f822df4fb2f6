"""The variation × assurance matrix of the Making Data Count summary: how many measures sit in
each cell, rows and columns in the order a board reads them, each labelled in words.

Pure: no Django. Every row counts in exactly one cell (a blank code has its own row or column),
so the counts add up to the number of rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from measurement.readings import ASSURANCE_NAMES, VARIATION_NAMES
from measurement.spc.codes import Assurance, Variation

from .types import SummaryRow

NOT_ASSESSED = "Not assessed"
# The filter's word for a blank code (no analysis yet, or no target assessed).
NONE = "none"

VARIATIONS: list[tuple[str, str]] = [
    (code.value, VARIATION_NAMES[code])
    for code in (
        Variation.CONCERN,
        Variation.IMPROVEMENT,
        Variation.NEUTRAL_HIGH,
        Variation.NEUTRAL_LOW,
        Variation.COMMON_CAUSE,
    )
] + [("", VARIATION_NAMES[""])]
ASSURANCES: list[tuple[str, str]] = [
    (code.value, ASSURANCE_NAMES[code])
    for code in (Assurance.CONSISTENT_FAIL, Assurance.INCONSISTENT, Assurance.CONSISTENT_PASS)
] + [("", NOT_ASSESSED)]
VARIATION_WORDS = dict(VARIATIONS)
ASSURANCE_WORDS = dict(ASSURANCES)


def variation_words(code: str) -> str:
    return VARIATION_WORDS.get(code or "", code)


def assurance_words(code: str) -> str:
    return ASSURANCE_WORDS.get(code or "", code)


def is_concern(variation: str, assurance: str) -> bool:
    return variation == Variation.CONCERN or assurance == Assurance.CONSISTENT_FAIL


def token(code: str) -> str:
    """A code as the filter's query string carries it: a blank code is 'none'."""
    return code or NONE


def code_of(token_: str) -> str:
    return "" if token_ == NONE else token_


@dataclass(frozen=True)
class MatrixCell:
    variation: str
    assurance: str
    count: int


@dataclass(frozen=True)
class MatrixRow:
    variation: str
    words: str
    cells: list[MatrixCell]  # in ASSURANCES order
    total: int


@dataclass(frozen=True)
class Matrix:
    rows: list[MatrixRow]  # in VARIATIONS order
    columns: list[tuple[str, str]]  # (assurance code, words), in ASSURANCES order
    column_totals: list[int]
    total: int

    def count(self, variation: str, assurance: str) -> int:
        row = next(r for r in self.rows if r.variation == (variation or ""))
        return next(c.count for c in row.cells if c.assurance == (assurance or ""))


def matrix_of(rows: Iterable[SummaryRow]) -> Matrix:
    """The counts by (variation, assurance). A code outside the known ones (none is stored
    today) counts under 'not enough data' / 'not assessed', so nothing drops out of the sum."""
    counts: Counter[tuple[str, str]] = Counter(
        (_known(row.variation, VARIATION_WORDS), _known(row.assurance, ASSURANCE_WORDS))
        for row in rows
    )
    matrix_rows = []
    for variation, words in VARIATIONS:
        cells = [MatrixCell(variation, a, counts[(variation, a)]) for a, _ in ASSURANCES]
        matrix_rows.append(MatrixRow(variation, words, cells, sum(c.count for c in cells)))
    column_totals = [sum(counts[(v, a)] for v, _ in VARIATIONS) for a, _ in ASSURANCES]
    return Matrix(matrix_rows, list(ASSURANCES), column_totals, sum(counts.values()))


def _known(code: str, words: dict[str, str]) -> str:
    return code if code in words else ""
