"""The rules every entered value must meet, wherever it comes from (grid, CSV, API).

Pure: no Django. Each problem names the row, the period and the field, with a code a partner
platform can act on and a sentence a person can.
"""

import math
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

EARLIEST = date(2000, 1, 1)  # nothing in the programme predates this; catches typed years
VALUE_FIELDS = {
    "continuous": ("value",),
    "count": ("value",),
    "proportion": ("numerator", "denominator"),
    "rate": ("numerator", "denominator"),
}


@dataclass(frozen=True)
class Problem:
    index: int
    period: str
    field: str
    code: str
    message: str


class CleanPoint(NamedTuple):  # a tuple: quick to make for every row of a 10,000-row batch
    index: int
    period: date
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None


def _number(raw) -> float | None:
    """A finite number from JSON, a form or a CSV cell; None for blank; ValueError otherwise."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError
    number = float(raw.replace(",", "") if isinstance(raw, str) else raw)
    if not math.isfinite(number):
        raise ValueError
    return number


def check_period(raw, frequency: str, today: date) -> tuple[date | None, str | None, str | None]:
    """(period, code, message): the parsed period, or the reason it is not acceptable."""
    if isinstance(raw, date):
        period = raw
    else:
        try:
            period = date.fromisoformat(str(raw).strip())
        except ValueError:
            return None, "invalid_date", "Enter the period as a date like 2025-01-06"
    if frequency == "weekly" and period.weekday() != 0:
        return (
            None,
            "not_monday",
            (f"Weekly periods start on a Monday; {period:%-d %B %Y} is a {period:%A}"),
        )
    if frequency == "monthly" and period.day != 1:
        return None, "not_first_of_month", "Monthly periods start on the 1st of the month"
    if period > today:
        return None, "future_period", f"{period:%-d %B %Y} is in the future"
    if period < EARLIEST:
        return None, "too_early", f"{period:%-d %B %Y} is before {EARLIEST.year}: check the year"
    return period, None, None


def check_point(
    index: int, row: dict, *, data_type: str, frequency: str, today: date
) -> tuple[CleanPoint | None, list[Problem]]:
    raw_period = row.get("period")
    period, code, message = check_period(raw_period, frequency, today)
    found = [("period", code, message)] if code else []
    numbers = {}
    for field in VALUE_FIELDS[data_type]:
        try:
            number = numbers[field] = _number(row.get(field))
        except (TypeError, ValueError):
            found.append((field, "not_a_number", f"Enter {field} as a number"))
            continue
        if number is None:
            found.append((field, "required", f"Enter the {field}"))
        elif number < 0:
            found.append((field, "negative", f"The {field} cannot be negative"))
    if "denominator" in numbers:
        found += _ratio_problems(numbers, data_type)
    if found:
        label = str(raw_period or "")
        return None, [Problem(index, label, *problem) for problem in found]
    return CleanPoint(index, period, **numbers), []


def _ratio_problems(numbers: dict, data_type: str) -> list[tuple[str, str, str]]:
    numerator, denominator = numbers.get("numerator"), numbers.get("denominator")
    if numerator is None or denominator is None or numerator < 0 or denominator < 0:
        return []
    if denominator == 0:
        return [("denominator", "zero_denominator", "The denominator must be above zero")]
    if data_type == "proportion" and numerator > denominator:
        return [
            (
                "numerator",
                "numerator_above_denominator",
                f"The numerator ({numerator:g}) cannot be more than the denominator "
                f"({denominator:g})",
            )
        ]
    return []


def check_points(
    rows: list[dict], *, data_type: str, frequency: str, today: date
) -> tuple[list[CleanPoint], list[Problem]]:
    """Checks a batch; a period given twice is a problem on its second row."""
    if data_type not in VALUE_FIELDS:
        raise ValueError(f"{data_type} measures record events, not period values")
    return _check_batch(
        rows,
        "period",
        lambda index, row: check_point(
            index, row, data_type=data_type, frequency=frequency, today=today
        ),
    )


def _check_batch(rows: list[dict], key: str, check_row) -> tuple[list, list[Problem]]:
    """Checks each row; a `key` (period or date) given twice is a problem on its second row."""
    clean, problems, seen = [], [], {}
    for index, row in enumerate(rows):
        item, row_problems = check_row(index, row)
        if item is not None:
            value = getattr(item, key)
            if value in seen:
                row_problems = [
                    Problem(
                        index,
                        str(row.get(key)),
                        key,
                        f"duplicate_{key}",
                        f"This {key} is also given in row {seen[value] + 1}",
                    )
                ]
            else:
                seen[value] = index
                clean.append(item)
        if row_problems:
            problems += row_problems
    return clean, problems


@dataclass(frozen=True)
class CleanEvent:
    index: int
    date: date
    opportunities_since_previous: int | None = None


def check_event(
    index: int, row: dict, *, needs_opportunities: bool, today: date
) -> tuple[CleanEvent | None, list[Problem]]:
    raw = row.get("date")
    label = str(raw or "")
    problems = []
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
    except ValueError:
        day = None
        problems.append(
            Problem(index, label, "date", "invalid_date", "Enter the event's date like 2025-01-06")
        )
    if day and day > today:
        problems.append(
            Problem(index, label, "date", "future_date", f"{day:%-d %B %Y} is in the future")
        )
    elif day and day < EARLIEST:
        problems.append(
            Problem(
                index,
                label,
                "date",
                "too_early",
                f"{day:%-d %B %Y} is before {EARLIEST.year}: check the year",
            )
        )
    opportunities = None
    try:
        opportunities = _number(row.get("opportunities_since_previous"))
    except (TypeError, ValueError):
        problems.append(
            Problem(
                index,
                label,
                "opportunities_since_previous",
                "not_a_number",
                "Enter the opportunities since the previous event as a number",
            )
        )
    if opportunities is not None and (opportunities < 0 or opportunities != int(opportunities)):
        problems.append(
            Problem(
                index,
                label,
                "opportunities_since_previous",
                "not_a_count",
                "Opportunities must be a whole number, 0 or more",
            )
        )
    elif opportunities is None and needs_opportunities and not problems:
        problems.append(
            Problem(
                index,
                label,
                "opportunities_since_previous",
                "required",
                "A g chart needs the opportunities (e.g. deliveries) since the previous event",
            )
        )
    if problems:
        return None, problems
    count = int(opportunities) if opportunities is not None else None
    return CleanEvent(index, day, count), []


def check_events(
    rows: list[dict], *, needs_opportunities: bool, today: date
) -> tuple[list[CleanEvent], list[Problem]]:
    """Checks a batch of events; a date given twice is a problem on its second row."""
    return _check_batch(
        rows,
        "date",
        lambda index, row: check_event(
            index, row, needs_opportunities=needs_opportunities, today=today
        ),
    )
