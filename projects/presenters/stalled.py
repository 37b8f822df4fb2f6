"""A region's stalled projects as its leads see them: each with its last activity in words."""

from datetime import date

from core.wording import long_date, plural


def quiet_for(last: date, today: date) -> str:
    """'7 months ago, on 3 May 2026'; '3 weeks ago, ...' under two months; 'today'."""
    days = (today - last).days
    if days <= 0:
        return f"today, {long_date(last)}"
    if days < 14:
        when = plural(days, "day")
    elif days < 61:
        when = plural(days // 7, "week")
    else:
        months = (today.year - last.year) * 12 + today.month - last.month - (today.day < last.day)
        when = plural(months, "month") if months < 24 else plural(months // 12, "year")
    return f"{when} ago, on {long_date(last)}"


def stalled_rows(projects, today: date, forms: dict) -> list[dict]:
    """One row a stalled project, with its close form."""
    return [
        {
            "project": project,
            "last_activity": quiet_for(project.last_activity_on or project.status_since, today),
            "stalled_since": long_date(project.status_since),
            "form": forms[project.pk],
        }
        for project in projects
    ]
