"""Financial years and quarters in the programme's words."""

from regions.rollups.periods import WHOLE_YEAR, quarter_bounds

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
QUARTER_MONTHS = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}


def year_label(year: str) -> str:
    """'2016-17' -> '2016/17', as the programme writes financial years."""
    return year.replace("-", "/")


def _months(year: str, quarter: int) -> str:
    return f"{QUARTER_MONTHS[quarter]} {quarter_bounds(year, quarter)[1].year}"


def period_label(year: str, quarter: int) -> str:
    """'2016/17', or 'Q1 2016/17 (April to June 2016)'."""
    if quarter == WHOLE_YEAR:
        return year_label(year)
    return f"Q{quarter} {year_label(year)} ({_months(year, quarter)})"


def period_end(year: str, quarter: int) -> str:
    """'2016/17' for a year, 'June 2016' for its first quarter."""
    if quarter == WHOLE_YEAR:
        return year_label(year)
    last = quarter_bounds(year, quarter)[1]
    return f"{MONTHS[last.month - 1]} {last.year}"
