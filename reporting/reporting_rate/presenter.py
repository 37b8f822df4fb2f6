"""The reporting-rate page's words and rows: shares as "12 of 16 (75%)", periods in words,
overdue teams with their people, measures and last reminder. No arithmetic in the template."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from measurement.periods import MONTHLY, ON_TIME_DAYS, WEEKLY, on_time_until
from measurement.signal_news import period_in_words
from reporting.reporting_rate.arithmetic import Overdue, Share
from reporting.trend_svg import trend_svg

BY = {"week": WEEKLY, "month": MONTHLY}
UNIT = {WEEKLY: "week", MONTHLY: "month"}


def on_time_rule(frequency: str) -> str:
    unit = UNIT[frequency]
    return (
        f"A value is on time when it is first entered within {ON_TIME_DAYS[frequency]} days "
        f"of the {unit}'s last day, and late when it is entered after that."
    )


def count_of(share: Share, count: int) -> str:
    percent = share.percent(count)
    return f"{count} of {share.expected} ({percent}%)" if percent is not None else "None expected"


def summary_rows(share: Share, frequency: str) -> list[dict]:
    until = on_time_until(share.period, frequency)
    return [
        {"key": {"text": "Measures expected"}, "value": {"text": str(share.expected)}},
        {"key": {"text": "Entered"}, "value": {"text": count_of(share, share.reported)}},
        {"key": {"text": "Entered on time"}, "value": {"text": count_of(share, share.on_time)}},
        {"key": {"text": "Entered late"}, "value": {"text": count_of(share, share.late)}},
        {
            "key": {"text": "Not entered yet"},
            "value": {
                "text": f"{count_of(share, share.missing)}: on time until {until:%-d %B %Y}"
                if until >= timezone.localdate()
                else count_of(share, share.missing)
            },
        },
    ]


def trend_rows(shares: list[Share], frequency: str) -> list[dict]:
    return [
        {
            "period": period_in_words(s.period, frequency).removeprefix("the week of "),
            "expected": s.expected,
            "entered": _percent(s, s.reported),
            "on_time": _percent(s, s.on_time),
            "late": s.late,
            "missing": s.missing,
        }
        for s in shares
    ]


def _percent(share: Share, count: int) -> str:
    percent = share.percent(count)
    return f"{count} ({percent}%)" if percent is not None else str(count)


@dataclass
class TeamRow:
    project_id: int
    title: str
    href: str
    team_href: str
    leads: list[str]
    members: list[str]
    measures: list[dict]
    reminded: str  # "Reminded 3 December 2026", or ""
    may_remind: bool


def team_rows(overdue: list[Overdue], by_id, teams, reminders, frequency, may_remind) -> list:
    """One row a team with overdue data, the longest overdue first."""
    rows: dict[int, TeamRow] = {}
    for item in overdue:
        measure = by_id[item.measure]
        if item.project not in rows:
            project = measure.project
            last = reminders.get(project.pk)
            people = teams.get(project.pk, {"leads": [], "members": []})
            rows[item.project] = TeamRow(
                project_id=project.pk,
                title=project.title,
                href=project.get_absolute_url(),
                team_href=reverse("projects:team", args=[project.pk]),
                leads=people["leads"],
                members=people["members"],
                measures=[],
                reminded=f"Reminded {timezone.localtime(last):%-d %B %Y}" if last else "",
                may_remind=bool(people["leads"] or people["members"]) and may_remind(project),
            )
        rows[item.project].measures.append(
            {
                "name": measure.name,
                "href": measure.get_absolute_url(),
                "since": f"no value from {period_in_words(item.since, frequency)} on",
            }
        )
    return list(rows.values())


def period_words(period, frequency: str) -> str:
    return period_in_words(period, frequency)


def sent_words(sent: int, skipped: int) -> str:
    teams = "1 team" if sent == 1 else f"{sent} teams"
    words = f"Reminders are on their way to {teams}."
    if skipped:
        left = "1 team was" if skipped == 1 else f"{skipped} teams were"
        words += f" {left} reminded in the last 24 hours and not reminded again."
    return words


def trend_chart(shares: list[Share], frequency: str) -> dict:
    """A line of the share entered on time, oldest first, with its words; the table beside it
    holds every number."""
    oldest_first = list(reversed(shares))
    values = [s.percent(s.on_time) or 0 for s in oldest_first]
    labels = [_short(s.period, frequency) for s in oldest_first]
    summary = (
        f"The share of measures entered on time each {UNIT[frequency]}, from {labels[0]} to "
        f"{labels[-1]}: {values[0]}% then, {values[-1]}% in the latest."
    )
    svg = trend_svg(
        ident="on-time-trend",
        title=f"Entered on time each {UNIT[frequency]} (%)",
        desc=summary,
        values=values,
        year_starts=[(0, labels[0]), (len(labels) - 1, labels[-1])],
        shaded=None,
        kind="line",
    )
    return {"svg": Markup(svg), "summary": summary}  # its text is escaped as drawn


def _short(period, frequency: str) -> str:
    return f"{period:%b %Y}" if frequency == MONTHLY else f"{period:%-d %b}"
