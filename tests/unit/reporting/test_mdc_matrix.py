"""The Making Data Count summary's pure parts: the matrix counts every row once, in the board's
order with words for each row and column, and the rows sort by any column either way with
blanks last."""

from datetime import date

from reporting.mdc_summary.matrix import ASSURANCES, VARIATIONS, code_of, matrix_of, token
from reporting.mdc_summary.sorting import headings, read_sort, sort_rows
from reporting.mdc_summary.types import SummaryRow


def row(n: int, variation: str = "", assurance: str = "", value=None, **more) -> SummaryRow:
    fields = {
        "measure_id": n,
        "measure_name": f"Measure {n}",
        "measure_href": f"/measures/{n}/",
        "project_id": 1,
        "project_title": "Project",
        "project_href": "/projects/1/",
        "region_name": "Wessex",
        "region_slug": "wessex",
        "topic": "falls",
        "topic_label": "Falls",
        "unit": "",
        "latest_value": value,
        "latest_value_text": "" if value is None else str(value),
        "latest_period": date(2026, 11, 2) if value is not None else None,
        "latest_period_text": "",
        "target": None,
        "target_text": "None",
        "variation": variation,
        "variation_words": "",
        "assurance": assurance,
        "assurance_words": "",
        "improvement": "increase",
        "concern": False,
    }
    return SummaryRow(**{**fields, **more})


def test_every_row_counts_once_and_the_totals_add_up():
    rows = [
        row(1, "special_cause_concern", "consistent_fail"),
        row(2, "special_cause_concern", "consistent_fail"),
        row(3, "common_cause", ""),
        row(4, "", ""),
        row(5, "something_new", "unheard_of"),  # counted as not enough data, not assessed
    ]
    matrix = matrix_of(rows)
    assert matrix.total == 5
    assert sum(r.total for r in matrix.rows) == sum(matrix.column_totals) == 5
    assert matrix.count("special_cause_concern", "consistent_fail") == 2
    assert matrix.count("common_cause", "") == 1
    assert matrix.count("", "") == 2


def test_rows_and_columns_come_in_the_boards_order_with_words():
    matrix = matrix_of([])
    assert [r.words for r in matrix.rows] == [words for _, words in VARIATIONS]
    assert matrix.rows[0].words == "Special cause concern"
    assert matrix.rows[-1].words == "Not enough data yet"
    assert [words for _, words in matrix.columns][0] == "Consistently misses the target"
    assert [words for _, words in matrix.columns][-1] == "Not assessed"
    assert len(matrix.columns) == len(ASSURANCES)
    assert matrix.total == 0


def test_a_blank_code_travels_as_none():
    assert token("") == "none" and code_of("none") == ""
    assert token("common_cause") == code_of("common_cause") == "common_cause"


def test_sorting_either_way_keeps_blanks_last():
    rows = [row(1, value=3.0), row(2), row(3, value=1.0), row(4, value=2.0)]
    assert [r.measure_id for r in sort_rows(rows, "latest")] == [3, 4, 1, 2]
    assert [r.measure_id for r in sort_rows(rows, "-latest")] == [1, 4, 3, 2]


def test_variation_sorts_concern_first_by_default():
    rows = [row(1, "common_cause"), row(2, ""), row(3, "special_cause_concern")]
    assert [r.measure_id for r in sort_rows(rows, "")] == [3, 1, 2]
    assert read_sort("sideways") == "variation"


def test_the_sorted_columns_heading_asks_for_the_other_way():
    by = {h.key: h for h in headings("-target")}
    assert (by["target"].aria_sort, by["target"].sort) == ("descending", "target")
    assert (by["measure"].aria_sort, by["measure"].sort) == ("", "measure")
    assert by["target"].action == "sort by target, ascending"
