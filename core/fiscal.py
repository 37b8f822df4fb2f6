"""The NHS financial calendar: years from April to March, named like '2016-17', and their
quarters (1 is April to June; 0 stands for the whole year). The one home of these facts.

Pure: no Django imports (an import-linter contract keeps it so).
"""

from datetime import date, timedelta

QUARTERS = (1, 2, 3, 4)
WHOLE_YEAR = 0
QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}


def financial_year_start(day: date) -> int:
    """The calendar year in which the day's financial year began: 2016 for 1 Feb 2017."""
    return day.year if day.month >= 4 else day.year - 1


def year_named(start: int) -> str:
    """2016 -> '2016-17'."""
    return f"{start}-{(start + 1) % 100:02d}"


def financial_year(day: date) -> str:
    """'2016-17' for any day from 1 April 2016 to 31 March 2017."""
    return year_named(financial_year_start(day))


def is_year_name(text: str) -> bool:
    """Whether `text` names a financial year: '2016-17' does, '2016-18' and '16-17' do not."""
    return (
        len(text) == 7
        and text[:4].isdigit()
        and text[4] == "-"
        and text[5:].isdigit()
        and (int(text[:4]) + 1) % 100 == int(text[5:])
    )


def financial_quarter(day: date) -> int:
    """1 for April to June, 2 for July to September, 3 for October to December, 4 for January
    to March."""
    return (day.month - 4) % 12 // 3 + 1


def quarter_of(day: date) -> tuple[str, int]:
    """('2016-17', 3) for a day in December 2016."""
    return financial_year(day), financial_quarter(day)


def financial_year_bounds(year: str) -> tuple[date, date]:
    """First and last day of a financial year named like '2016-17'."""
    start = int(year[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


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


def quarter_end(year: str, quarter: int) -> date:
    return quarter_bounds(year, quarter)[1]


def years_between(first: date, last: date) -> list[str]:
    """Every financial year from the one holding `first` to the one holding `last`."""
    start, end = financial_year_start(first), financial_year_start(last)
    return [year_named(start) for start in range(start, end + 1)]


def quarters_between(first: tuple[str, int], last: tuple[str, int]):
    """Every (year, quarter) from `first` to `last`, both included, in order."""
    start, quarter = int(first[0][:4]), first[1]
    while (year_named(start), quarter) <= last:
        yield year_named(start), quarter
        start, quarter = (start + 1, 1) if quarter == 4 else (start, quarter + 1)


def year_label(year: str) -> str:
    """'2016-17' -> '2016/17', as the programme writes financial years."""
    return year.replace("-", "/")
