"""Reading an uploaded CSV file: the limits, the encoding, the header and the line numbers.

Every CSV upload page (weekly values, activity records) reads its file here, so they refuse the
same files with the same sentences. Pure: no Django. A file that cannot be read at all raises
`Unreadable` with one sentence for the page; otherwise each data row comes back as a dict keyed
by column, with the line a person sees in Excel (the header is line 1).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

MAX_BYTES = 2 * 1024 * 1024
# Excel often rewrites 2025-01-06 as 06/01/2025 when it saves a CSV file.
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class Unreadable(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Expected:
    """What an upload must look like, and the words its refusals use for it."""

    columns: tuple[str, ...]
    max_rows: int
    unknown_column: str  # "a column this measure does not use", said of a column not expected
    one_row_per: str = ""  # in "The file is empty. ..., then one row per {one_row_per}."

    @property
    def header(self) -> str:
        return ",".join(self.columns)


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class BadRow:
    """A row that cannot be matched to the header; `first_cell` names it (a period, a date)."""

    line: int
    first_cell: str
    message: str


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)


def read(data: bytes, expected: Expected) -> Table:
    return read_text(decode(data), expected)


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise Unreadable(
            "The file is bigger than 2 MB. Split it into smaller files and upload each one."
        )
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError:
        raise Unreadable(
            "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma "
            "delimited)” and upload it again."
        ) from None


def read_text(text: str, expected: Expected) -> Table:
    try:
        return _read_rows(csv.reader(io.StringIO(text, newline="")), expected)
    except csv.Error as error:
        raise Unreadable(f"The file could not be read as CSV: {error}.") from None


def _read_rows(reader, expected: Expected) -> Table:
    names = _header_names(reader, expected)
    table = Table()
    for cells in reader:
        cells = _trimmed(cells)
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (often at the end of a file) are not rows
        if len(table.rows) + len(table.bad_rows) >= expected.max_rows:
            raise Unreadable(
                f"The file has more than {expected.max_rows:,} rows. Split it into "
                f"smaller files and upload each one."
            )
        if len(cells) > len(names):
            table.bad_rows.append(
                BadRow(
                    reader.line_num,
                    cells[0].strip(),
                    f"This row has {len(cells)} cells but the header has {len(names)} columns",
                )
            )
            continue
        table.rows.append(
            Row(
                reader.line_num,
                {
                    name: (cells[i].strip() if i < len(cells) else "")
                    for i, name in enumerate(names)
                },
            )
        )
    if not (table.rows or table.bad_rows):
        raise Unreadable("The file has a header but no rows of data.")
    return table


def _header_names(reader, expected: Expected) -> list[str]:
    """The first non-blank line's column names, lower case, with spaces read as underscores."""
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        then = f", then one row per {expected.one_row_per}" if expected.one_row_per else ""
        raise Unreadable(
            f"The file is empty. Its first line must be the header {expected.header}{then}."
        )
    names = _trimmed([cell.strip().lower().replace(" ", "_") for cell in header])
    problem = _header_problem(names, expected)
    if problem:
        raise Unreadable(problem)
    return names


def _header_problem(names: list[str], expected: Expected) -> str:
    must = f"The first line must be the header {expected.header}."
    for name in names:
        if names.count(name) > 1:
            return f"The header names the column “{name}” twice. {must}"
    unknown = [name for name in names if name not in expected.columns]
    if unknown:
        return (
            f"The header has {expected.unknown_column}: "
            f"“{unknown[0] or '(a blank column name)'}”. {must}"
        )
    missing = [column for column in expected.columns if column not in names]
    if missing:
        return f"The header has no “{missing[0]}” column. {must}"
    return ""


def _trimmed(cells: list[str]) -> list[str]:
    """Drops empty cells at the end of a line, as spreadsheets add them."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def iso_date(text: str) -> str:
    """A UK date (as Excel saves one) as ISO; anything else unchanged, for the rules to judge."""
    match = UK_DATE.match(text)
    if not match:
        return text
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text
