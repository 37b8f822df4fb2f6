"""Which financial year a dashboard opens on, and which years its trends span."""

from datetime import date

from reporting.presenters.filters import default_year, trend_years

YEARS = ["2016-17", "2017-18", "2018-19", "2025-26", "2026-27", "2099-00"]
TODAY = date(2026, 12, 4)


def test_the_latest_year_with_records_not_the_current_empty_one():
    assert default_year(YEARS, TODAY, ["2016-17", "2018-19"]) == "2018-19"


def test_the_current_year_once_it_has_records():
    assert default_year(YEARS, TODAY, ["2016-17", "2026-27"]) == "2026-27"


def test_a_year_not_begun_is_never_the_default_even_with_records():
    assert default_year(YEARS, TODAY, ["2017-18", "2099-00"]) == "2017-18"


def test_without_records_the_latest_year_begun():
    assert default_year(YEARS, TODAY, []) == "2026-27"
    assert default_year([], TODAY, []) == ""


def test_the_trends_drop_empty_years_at_either_end_but_keep_gaps_inside():
    years = ["2015-16", "2016-17", "2017-18", "2018-19", "2019-20", "2020-21"]
    assert trend_years(years, ["2016-17", "2018-19"]) == ["2016-17", "2017-18", "2018-19"]
    assert trend_years(years, []) == years
