"""The shared CSV reader on its own; each upload's wording is tested with its page."""

import pytest

from core import csv_files

EXPECTED = csv_files.Expected(
    ("date", "first_engaged"), max_rows=2, unknown_column="a column these records do not use"
)


def test_header_names_are_trimmed_lower_cased_and_spaces_read_as_underscores():
    table = csv_files.read(b" Date ,First Engaged\n2016-06-01,01/06/2016\n", EXPECTED)
    assert table.rows == [csv_files.Row(2, {"date": "2016-06-01", "first_engaged": "01/06/2016"})]


def test_a_row_longer_than_the_header_is_a_bad_row_named_by_its_first_cell():
    table = csv_files.read(b"date,first_engaged\n\n2016-06-01,x,y\n", EXPECTED)
    assert table.rows == []
    assert table.bad_rows == [
        csv_files.BadRow(3, "2016-06-01", "This row has 3 cells but the header has 2 columns")
    ]


def test_the_row_limit_counts_bad_rows_too():
    with pytest.raises(csv_files.Unreadable, match="more than 2 rows"):
        csv_files.read(b"date,first_engaged\na,b\nc,d,e\nf,g\n", EXPECTED)


def test_a_malformed_file_is_unreadable_not_an_error():
    with pytest.raises(csv_files.Unreadable, match="could not be read as CSV"):
        csv_files.read(b'date,first_engaged\n"' + b"9" * 140_000 + b'",x\n', EXPECTED)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("06/01/2025", "2025-01-06"),
        ("6/1/2025", "2025-01-06"),
        ("31/02/2025", "31/02/2025"),
        ("2025-01-06", "2025-01-06"),
        ("next week", "next week"),
    ],
)
def test_a_uk_date_from_excel_is_read_as_iso_and_anything_else_is_left(text, iso):
    assert csv_files.iso_date(text) == iso
