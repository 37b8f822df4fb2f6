"""When each story's process changed: the same week for its measures, its PDSA cycles (tested
just before) and its phases (rebased at the change)."""

from datetime import date, timedelta

CHANGE_WEEK = 30  # weeks after the first Monday of the project: the change is adopted


def first_monday(day: date) -> date:
    """The project's first whole week: `day` if a Monday, else the Monday after."""
    return day + timedelta(days=(7 - day.weekday()) % 7)


def change_monday(project_start: date, change_week: int = CHANGE_WEEK) -> date:
    return first_monday(project_start) + timedelta(weeks=change_week)
