"""The spread figures' pure parts: where a programme counts, what overlapping a period means,
the figures document, and the section's sentences."""

from datetime import date

import pytest

from core.fiscal import quarter_bounds
from reporting.presenters.figures import spread_values
from reporting.presenters.filters import Filters
from reporting.presenters.spread import adoption_type_rows, spread_sentences
from reporting.rollups.arithmetic import (
    figures_document,
    overlaps,
    programme_scopes,
    spread_document,
)


def test_a_programme_counts_in_each_lead_region_and_once_in_england():
    assert programme_scopes(False, ["wessex", "oxford", "wessex"], "national") == (
        "oxford",
        "wessex",
        "national",
    )
    assert programme_scopes(False, [], "national") == ("national",)


def test_a_national_programme_counts_in_england_only():
    assert programme_scopes(True, ["wessex"], "national") == ("national",)


Q3 = quarter_bounds("2016-17", 3)  # October to December 2016


@pytest.mark.parametrize(
    ("starts", "ends", "inside"),
    [
        (date(2016, 4, 1), None, True),  # still running
        (date(2016, 4, 1), date(2016, 9, 30), False),  # ended the day before
        (date(2016, 4, 1), date(2016, 10, 1), True),  # ended on its first day
        (date(2016, 12, 31), None, True),  # began on its last day
        (date(2017, 1, 1), None, False),  # began after it
        (date(2016, 11, 1), date(2016, 11, 30), True),  # within it
    ],
)
def test_something_counts_in_every_period_its_dates_overlap(starts, ends, inside):
    assert overlaps(*Q3, starts, ends) is inside


def test_the_spread_document_fills_absent_metrics_with_zero_and_keeps_types_given():
    document = spread_document(
        {
            "changes_published": 2.0,
            "organisations_adopting.total": 3.0,
            "organisations_adopting.type.acute_trust": 2.0,
            "organisations_adopting.type.care_home": 1.0,
        }
    )
    assert document == {
        "changes_published": 2,
        "changes_in_catalogue": 0,
        "programmes_active": 0,
        "member_teams": 0,
        "organisations_adopting": {
            "total": 3,
            "by_type": {"acute_trust": 2, "care_home": 1},
        },
        "organisations_adopting_at_end": {"total": 0, "by_type": {}},
    }
    assert isinstance(document["changes_published"], int)


def test_the_figures_document_carries_the_spread_beside_the_published_figures():
    document = figures_document({"staff_trained.total": 10, "member_teams": 9})
    assert document["staff_trained"]["total"] == 10
    assert document["member_teams"] == 9
    assert document["organisations_adopting"] == {"total": 0, "by_type": {}}


FLAT = {
    "changes_published": 1,
    "changes_in_catalogue": 14,
    "organisations_adopting.total": 24,
    "organisations_adopting.type.acute_trust": 23,
    "organisations_adopting.type.ambulance_trust": 1,
    "organisations_adopting_at_end.total": 28,
    "organisations_adopting_at_end.type.acute_trust": 27,
    "organisations_adopting_at_end.type.ambulance_trust": 1,
    "programmes_active": 1,
    "member_teams": 9,
}


def test_the_sentences_say_each_figure_in_words():
    sentences = spread_sentences(spread_values(FLAT), Filters(year="2017-18"))
    assert sentences == [
        "1 change was published in the catalogue in 2017/18; at the end of 2017/18 it held "
        "14 changes.",
        "24 organisations began adopting a change in 2017/18 (23 acute trusts and 1 ambulance "
        "trust). At the end of 2017/18, 28 organisations were adopting at least one.",
        "1 collaborative programme was active in 2017/18, with 9 member teams.",
    ]


def test_nothing_adopting_is_said_plainly():
    sentences = spread_sentences(spread_values({}), Filters(year="2016-17", quarter=1))
    assert sentences[1] == (
        "0 organisations began adopting a change in Q1 2016/17 (April to June 2016). "
        "At the end of June 2016, 0 organisations were adopting at least one."
    )


def test_the_type_rows_list_the_types_with_any_and_the_totals():
    rows = adoption_type_rows(spread_values(FLAT))
    assert rows["rows"] == [
        {"label": "Acute trust", "began": "23", "at_end": "27"},
        {"label": "Ambulance trust", "began": "1", "at_end": "1"},
    ]
    assert (rows["began"], rows["at_end"]) == ("24", "28")
