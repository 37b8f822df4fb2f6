"""The words of each shared measure's charts on the results page: how the collaborative's figure
is made, how to read its chart, each chart's text alternative, and the table of its figures."""

from __future__ import annotations

from core.wording import long_date, plural
from learning import collaborative
from learning.presenters.results_icons import reading_words
from learning.results_svg import Frame
from measurement.readings import VARIATION_NAMES, current_variation


def or_dash(frame: Frame, value: float | None) -> str:
    return "–" if value is None else frame.label(value)


def key_words(analysis) -> str:
    if analysis is None:
        return "Sessions are dashed lines; the action periods between them are named at the top."
    lines = (
        "The solid line is the centre line, the dashed lines the limits."
        if analysis.settings.chart != "run"
        else "The solid line is the median."
    )
    return (
        f"{lines} A large circle marks special cause improvement, a square special cause "
        f"concern, a triangle special cause with no direction of improvement; the table says "
        f"so for each period."
    )


def how_words(standard) -> str:
    if standard.data_type == "events":
        return "Rare events are charted team by team: days between events do not add up."
    if collaborative.is_ratio(standard.data_type):
        chart = "P chart" if standard.data_type == "proportion" else "U chart"
        return (
            f"The collaborative's figure each period is the teams' numerators added up, divided "
            f"by their denominators added up, on a {chart} with Making Data Count rules."
        )
    return (
        "The collaborative's figure each period is the median of the teams' values, on a run "
        "chart whose centre line is the median."
    )


def variation_of(analysis) -> str:
    if analysis is None:
        return ""
    return analysis.variation or current_variation(analysis)


def assurance_of(analysis) -> str:
    return (analysis.assurance or "") if analysis else ""


def team_summary(team, values, frame, centre, measure) -> str:
    if not values:
        return f"{team} has entered no data yet."
    (first, _), (last, latest) = values[0], values[-1]
    reading = reading_words(measure.variation, measure.assurance)
    return (
        f"{plural(len(values), 'point')} from {long_date(first)} to {long_date(last)}; the "
        f"latest {frame.label(latest)}, the median {frame.label(centre)}. {reading}"
    )


def collaborative_summary(standard, points, plotted, frame, analysis, calendar) -> str:
    if not points:
        return "No team has entered data for this measure yet."
    first, last = points[0], points[-1]
    centre = plotted[-1].centre if plotted else None
    text = (
        f"The collaborative's {standard.name} from {long_date(first.period)} to "
        f"{long_date(last.period)}, {plural(len(points), 'period')}: the latest "
        f"{frame.label(plotted[-1].value)} from {plural(last.teams, 'team')}"
    )
    if centre is not None:
        text += f", centre line {frame.label(centre)}"
    text += f". {reading_words(variation_of(analysis), assurance_of(analysis))}"
    if calendar.markers:
        sessions = "; ".join(f"{m.label} {long_date(m.day)}" for m in calendar.markers)
        text += f" Learning sessions are marked as dashed lines: {sessions}."
    if calendar.bands:
        text += (
            " "
            + "; ".join(
                f"{b.name} from {long_date(b.starts)} to {long_date(b.ends)}"
                for b in calendar.bands
            )
            + "."
        )
    return text


def table_headers(standard) -> list[str]:
    if collaborative.is_ratio(standard.data_type):
        return ["Period", "Teams reporting", "Numerators added", "Denominators added",
                "Collaborative", "Centre line", "Limits", "Signal"]  # fmt: skip
    return ["Period", "Teams reporting", "Median of the teams", "Centre line", "Signal"]


def table_rows(standard, points, plotted, frame) -> list[list[str]]:
    rows = []
    for point, shown in zip(points, plotted, strict=True):
        signal = signal_words(shown.signal)
        if collaborative.is_ratio(standard.data_type):
            limits = (
                f"{frame.label(shown.lower)} to {frame.label(shown.upper)}"
                if shown.lower is not None and shown.upper is not None
                else "–"
            )
            rows.append([long_date(point.period), str(point.teams), f"{point.numerator:g}",
                         f"{point.denominator:g}", frame.label(shown.value),
                         or_dash(frame, shown.centre), limits, signal])  # fmt: skip
        else:
            rows.append([long_date(point.period), str(point.teams), frame.label(shown.value),
                         or_dash(frame, shown.centre), signal])  # fmt: skip
    return rows


def signal_words(signal: str) -> str:
    return {
        "improvement": VARIATION_NAMES["special_cause_improvement"],
        "concern": VARIATION_NAMES["special_cause_concern"],
        "neutral": "Special cause",
    }.get(signal, "None")
