"""English as the service writes it: counts, numbers and dates. One home for the small helpers
every page, chart and message uses, so '1 week' and '2,000 projects' read alike everywhere.

Pure: no Django imports (charts, which may not import Django, use it too).
"""

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NO_DATE = "–"


def thousands(value) -> str:
    """10150 -> '10,150', as the programme writes its figures."""
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 week', '2,000 projects'; `nouns` where adding an s will not do ('3 people')."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def long_date(day: date | None) -> str:
    """'2 December 2026' (a dash when there is no date)."""
    if day is None:
        return NO_DATE
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """'2 Dec 2026'."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def month_year(day: date) -> str:
    """'December 2026'."""
    return f"{MONTHS[day.month - 1]} {day.year}"
