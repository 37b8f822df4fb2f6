"""Periods and counts in words, as the entry pages say them."""

from datetime import date

from core.wording import month_year, plural, short_date
from measurement import periods as p

NOUNS = {p.WEEKLY: "week", p.MONTHLY: "month"}


def period_label(period: date, frequency: str) -> str:
    """'6 Jan 2025' for a week, 'January 2025' for a month."""
    if frequency == p.MONTHLY:
        return month_year(period)
    return short_date(period)


def period_phrase(period: date, frequency: str) -> str:
    noun = "week of" if frequency == p.WEEKLY else "month of"
    return f"{noun} {period_label(period, frequency)}"


def import_summary_text(created: int, updated: int, unchanged: int, frequency: str) -> str:
    """'12 weeks added, 3 corrected, 5 unchanged'."""
    noun = NOUNS[frequency]
    return f"{plural(created, noun)} added, {updated} corrected, {unchanged} unchanged"
