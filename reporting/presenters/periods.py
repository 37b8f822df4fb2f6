"""Financial years and quarters in the programme's words (the calendar itself: core.fiscal)."""

from core.fiscal import QUARTER_MONTHS, WHOLE_YEAR, quarter_end, year_label
from core.wording import month_year


def _months(year: str, quarter: int) -> str:
    return f"{QUARTER_MONTHS[quarter]} {quarter_end(year, quarter).year}"


def period_label(year: str, quarter: int) -> str:
    """'2016/17', or 'Q1 2016/17 (April to June 2016)'."""
    if quarter == WHOLE_YEAR:
        return year_label(year)
    return f"Q{quarter} {year_label(year)} ({_months(year, quarter)})"


def period_end(year: str, quarter: int) -> str:
    """'2016/17' for a year, 'June 2016' for its first quarter."""
    if quarter == WHOLE_YEAR:
        return year_label(year)
    return month_year(quarter_end(year, quarter))
