"""Adoptions as a CSV file: the header, the template to fill in, and reading a file's rows
with the line each came from (core/csv_files.py reads the file; learning.adoption_rows checks
the rows)."""

from dataclasses import dataclass, field

from core import csv_files
from learning.adoption_rows import COLUMNS, MAX_ROWS, Problem

EXPECTED = csv_files.Expected(
    COLUMNS,
    MAX_ROWS,
    unknown_column="a column adoptions do not use",
    one_row_per="organisation and change (or package) adopted",
)


def template_csv() -> str:
    example = "RHM,early-warning-scores,,2017-01-09,testing,elsewhere,,,Seen at a regional event"
    return EXPECTED.header + "\r\n" + example + "\r\n"


@dataclass
class CsvRows:
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows the reader could not match


def read_csv(data: bytes) -> CsvRows:
    """The file's rows with their lines; raises csv_files.Unreadable for a file as a whole."""
    table = csv_files.read(data, EXPECTED)
    return CsvRows(
        rows=[row.cells for row in table.rows],
        lines=[row.line for row in table.rows],
        problems=[Problem(bad.line, "row", "columns", bad.message) for bad in table.bad_rows],
    )
