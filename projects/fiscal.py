"""NHS financial years (April to March) and their quarters. Pure: no Django imports."""

from datetime import date


def financial_year_start(day: date) -> int:
    """The calendar year in which the day's financial year began: 2016 for 1 Feb 2017."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(day: date) -> str:
    """'2016-17' for any day from 1 April 2016 to 31 March 2017."""
    start = financial_year_start(day)
    return f"{start}-{(start + 1) % 100:02d}"


def financial_quarter(day: date) -> int:
    """1 for April to June, 2 for July to September, 3 for October to December, 4 for January
    to March."""
    return (day.month - 4) % 12 // 3 + 1


def financial_year_bounds(label: str) -> tuple[date, date]:
    """First and last day of a financial year named like '2016-17'."""
    start = int(label[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)
