"""Quarters of NHS financial years. Pure: no Django."""

from datetime import date, timedelta

from projects.fiscal import financial_year, financial_year_bounds

QUARTERS = (1, 2, 3, 4)
WHOLE_YEAR = 0


def quarter_bounds(year: str, quarter: int) -> tuple[date, date]:
    """First and last day of quarter 1..4 of a year like '2016-17' (0: the whole year)."""
    first, last = financial_year_bounds(year)
    if quarter == WHOLE_YEAR:
        return first, last
    starts = [
        date(first.year, 4, 1),
        date(first.year, 7, 1),
        date(first.year, 10, 1),
        date(first.year + 1, 1, 1),
        date(first.year + 1, 4, 1),
    ]
    return starts[quarter - 1], starts[quarter] - timedelta(days=1)


def years_between(first: date, last: date) -> list[str]:
    """Every financial year from the one holding `first` to the one holding `last`."""
    start, end = int(financial_year(first)[:4]), int(financial_year(last)[:4])
    return [f"{y}-{(y + 1) % 100:02d}" for y in range(start, end + 1)]
