from datetime import date

import pytest

from core.fiscal import financial_quarter, financial_year, financial_year_bounds


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (date(2016, 4, 1), "2016-17", 1),
        (date(2016, 6, 30), "2016-17", 1),
        (date(2016, 7, 1), "2016-17", 2),
        (date(2016, 12, 31), "2016-17", 3),
        (date(2017, 1, 1), "2016-17", 4),
        (date(2017, 3, 31), "2016-17", 4),
        (date(2017, 4, 1), "2017-18", 1),
        (date(1999, 5, 5), "1999-00", 1),
    ],
)
def test_nhs_financial_years_run_april_to_march(day, year, quarter):
    assert financial_year(day) == year
    assert financial_quarter(day) == quarter


def test_financial_year_bounds_round_trip():
    first, last = financial_year_bounds("2016-17")
    assert (first, last) == (date(2016, 4, 1), date(2017, 3, 31))
    assert financial_year(first) == financial_year(last) == "2016-17"
