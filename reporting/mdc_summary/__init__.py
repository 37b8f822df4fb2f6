"""The Making Data Count summary ("board format"): one row per measure with its latest value,
target, variation and assurance in words, and the variation × assurance matrix of counts.

`summary_rows(measures)` reads an already scoped Measure queryset in a few queries whatever its
size; `matrix_of(rows)` counts them by cell (pure). The page, its files, the API and the board
pack all read these.
"""

from reporting.mdc_summary.matrix import (
    ASSURANCES,
    VARIATIONS,
    Matrix,
    MatrixCell,
    MatrixRow,
    matrix_of,
)
from reporting.mdc_summary.rows import summary_rows
from reporting.mdc_summary.types import SummaryRow

__all__ = [
    "ASSURANCES",
    "VARIATIONS",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "SummaryRow",
    "matrix_of",
    "summary_rows",
]
