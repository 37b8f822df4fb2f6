"""The teams' IHI progress scores by month (the Breakthrough Series assessment chart): how many
member teams stood at each score at each month's end, in one query for all teams."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from core.wording import month_year, plural
from learning import collaborative
from learning.results_svg import progress_svg
from projects.models import ProgressScore


@dataclass(frozen=True)
class ProgressSection:
    svg: Markup | None
    summary: str
    rows: list[dict]  # {"month", "scores", "unscored", "mean"}


def _memberships(members) -> list[collaborative.Membership]:
    return [collaborative.Membership(str(m.project_id), m.joined_on, m.left_on) for m in members]


def _scores(members) -> dict[str, list]:
    scores = defaultdict(list)
    for project_id, recorded_on, score in (
        ProgressScore.objects.filter(project__in=[m.project_id for m in members])
        .order_by("recorded_on", "id")
        .values_list("project_id", "recorded_on", "score")
    ):
        scores[str(project_id)].append((recorded_on, score))
    return scores


def progress_section(programme, members, until) -> ProgressSection:
    if until < programme.start_date:
        return ProgressSection(None, "The programme has not started yet.", [])
    months = collaborative.progress_by_month(
        _memberships(members), _scores(members), programme.start_date, until
    )
    summary = _summary(months)
    svg = progress_svg(
        ident="progress-scores",
        title="Teams' IHI progress scores by month",
        desc=summary,
        months=[m.month for m in months],
        scores=list(collaborative.SCORES),
        counts=[[m.counts[s] for s in collaborative.SCORES] for m in months],
        means=[m.mean for m in months],
    )
    return ProgressSection(Markup(svg), summary, [_row(m) for m in months])


def _row(month: collaborative.MonthScores) -> dict:
    at = [f"{score:.1f}: {n}" for score, n in sorted(month.counts.items(), reverse=True) if n]
    return {
        "month": month_year(month.month),
        "scores": "; ".join(at) or "None",
        "unscored": str(month.unscored),
        "mean": "–" if month.mean is None else f"{month.mean:.1f}",
    }


def _summary(months: list[collaborative.MonthScores]) -> str:
    if not months:
        return "No months to show yet."
    first, last = months[0], months[-1]
    text = (
        f"Circles show how many teams stood at each IHI progress score (0.5 to 5.0) at the end "
        f"of each month from {month_year(first.month)} to {month_year(last.month)}; the dashed "
        f"line is the mean score."
    )
    if last.mean is None:
        return text + f" No team has a score yet in {month_year(last.month)}."
    top = max(s for s, n in last.counts.items() if n)
    return text + (
        f" In {month_year(last.month)}, {plural(last.teams - last.unscored, 'team')} had a "
        f"score, mean {last.mean:.1f}, highest {top:.1f}; {plural(last.unscored, 'team')} had "
        f"none yet."
    )
