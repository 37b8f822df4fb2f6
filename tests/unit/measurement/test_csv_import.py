from datetime import date

import pytest

from measurement.csv_import import (
    MAX_ROWS,
    ReportRow,
    parse_csv,
    problem_message,
    report,
    template_csv,
)
from measurement.entry_rules import Problem, check_points


def parse(text: str, data_type="continuous"):
    return parse_csv(text.encode(), data_type)


def test_rows_keep_their_line_numbers_and_blank_lines_are_skipped():
    parsed = parse("period,value\r\n2025-01-06,4\r\n\r\n 2025-01-13 , 12 \r\n")
    assert parsed.problem == "" and parsed.row_problems == []
    assert parsed.rows == [
        {"period": "2025-01-06", "value": "4"},
        {"period": "2025-01-13", "value": "12"},
    ]
    assert parsed.lines == [2, 4]


def test_a_quoted_number_with_a_thousands_comma_is_one_cell():
    parsed = parse('period,value\n2025-01-06,"1,204"\n')
    assert parsed.rows == [{"period": "2025-01-06", "value": "1,204"}]


def test_a_byte_order_mark_and_capitalised_headers_are_accepted():
    parsed = parse_csv(
        "\ufeffPeriod , Numerator,DENOMINATOR\n2025-01-06,3,40\n".encode(), "proportion"
    )
    assert parsed.rows == [{"period": "2025-01-06", "numerator": "3", "denominator": "40"}]


def test_columns_may_come_in_any_order_and_trailing_empty_cells_are_ignored():
    parsed = parse_csv(b"denominator,period,numerator,,\n40,2025-01-06,3,,\n", "rate")
    assert parsed.rows == [{"denominator": "40", "period": "2025-01-06", "numerator": "3"}]


def test_a_uk_date_from_excel_is_read_as_the_same_day():
    parsed = parse("period,value\n06/01/2025,4\n31/02/2025,5\n")
    assert [row["period"] for row in parsed.rows] == ["2025-01-06", "31/02/2025"]


@pytest.mark.parametrize(
    ("data", "data_type", "message"),
    [
        (b"", "continuous", "The file is empty"),
        (b"\n\n", "continuous", "The file is empty"),
        (b"period,value\n", "continuous", "The file has a header but no rows of data"),
        (b"date,value\n2025-01-06,4\n", "continuous", "a column this measure does not use: “date”"),
        (b"period,value\n2025-01-06,4\n", "proportion", "a column this measure does not use"),
        (b"period,numerator\n2025-01-06,4\n", "proportion", "no “denominator” column"),
        (b"period,value,value\n2025-01-06,4,4\n", "count", "names the column “value” twice"),
        (b"period,,value\n2025-01-06,,4\n", "count", "(a blank column name)"),
        ("period,value\n2025-01-06,4°\n".encode("cp1252"), "count", "not UTF-8 text"),
        (
            b'period,value\n2025-01-06,"' + b"9" * 140_000 + b'"\n',
            "count",
            "could not be read as CSV",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, data_type, message):
    parsed = parse_csv(data, data_type)
    assert message in parsed.problem
    assert parsed.rows == []


def test_the_header_problem_says_what_the_header_must_be():
    assert parse_csv(b"when,value\n", "rate").problem.endswith(
        "The first line must be the header period,numerator,denominator."
    )


def test_a_file_over_2_mb_is_refused_before_it_is_read():
    data = b"period,value\n" + b"2025-01-06,1\n" * 200_000
    assert "bigger than 2 MB" in parse_csv(data, "count").problem


def test_more_than_10000_rows_are_refused_and_10000_are_not():
    rows = "".join(f"2025-01-06,{n}\n" for n in range(MAX_ROWS))
    assert parse(f"period,value\n{rows}").problem == ""
    assert "more than 10,000 rows" in parse(f"period,value\n{rows}2025-01-13,1\n").problem


def test_a_row_with_too_many_cells_is_a_row_problem():
    parsed = parse("period,value\n2025-01-06,4,5\n2025-01-13,4\n")
    assert parsed.row_problems == [
        ReportRow(2, "2025-01-06", "row", "This row has 3 cells but the header has 2 columns")
    ]
    assert parsed.lines == [3]


def test_the_report_names_each_line_and_field_in_line_order():
    parsed = parse("period,value\n2025-01-06,4,4\n2025-01-14,x\n2025-01-20,5\n2025-01-20,6\n")
    _, problems = check_points(
        parsed.rows, data_type="count", frequency="weekly", today=date(2025, 3, 1)
    )
    assert report(parsed, problems) == [
        ReportRow(2, "2025-01-06", "row", "This row has 3 cells but the header has 2 columns"),
        ReportRow(
            3,
            "2025-01-14",
            "period",
            "Weekly periods start on a Monday; 14 January 2025 is a Tuesday",
        ),
        ReportRow(3, "2025-01-14", "value", "Enter the value as a number, like 12 or 4.5"),
        ReportRow(5, "2025-01-20", "period", "This period is also given on line 4"),
    ]


def test_problem_messages_name_the_field():
    assert problem_message(Problem(0, "", "denominator", "required", "x")) == (
        "Enter the denominator"
    )
    assert (
        problem_message(Problem(0, "", "value", "negative", "The value cannot be negative"))
        == "The value cannot be negative"
    )


def test_the_template_has_the_header_and_a_blank_row_per_period():
    assert template_csv("proportion", [date(2025, 1, 6), date(2025, 1, 13)]) == (
        "period,numerator,denominator\r\n2025-01-06,,\r\n2025-01-13,,\r\n"
    )
    assert template_csv("count", []) == "period,value\r\n"
