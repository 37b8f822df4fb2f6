"""The rules every entered value must meet, wherever it comes from (grid, CSV, API).

Pure: no Django. Each problem names the row, the period and the field, with a code a partner
platform can act on and a sentence a person can.

People and events are counted whole: a count's value, a proportion's numerator and denominator
and a rate's events, unless the measure allows decimals; a rate's exposure (bed-days) may always
be a fraction. No number may exceed 10¹² (shared/spc/README.md, "Magnitude"). A value already
stored and sent again unchanged passes both rules (`stored`): a correction of one cell in a row
must not be refused for its neighbour's old value.
"""

import math
from collections.abc import Mapping
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
WHOLE_FIELDS = {
    "count": ("value",),
    "proportion": ("numerator", "denominator"),
    "rate": ("numerator",),
}
MAGNITUDE = 1e12
MAGNITUDE_TEXT = "1,000,000,000,000 (10¹²)"
# Codes a value already stored is forgiven when it is sent again unchanged.
STORED_MAY_KEEP = frozenset({"not_whole", "too_large"})


def whole_fields(data_type: str, allow_decimals: bool) -> tuple[str, ...]:
    """The fields that take whole numbers only."""
    return () if allow_decimals else WHOLE_FIELDS.get(data_type, ())


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


class TooLarge(ValueError):
    """A number beyond a float's range (1e309, "inf"): too large rather than not a number."""


def _number(raw) -> float | None:
    """A finite number from JSON, a form or a CSV cell; None for blank; ValueError otherwise."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError
    try:
        number = float(raw.replace(",", "") if isinstance(raw, str) else raw)
    except OverflowError:  # an int too big for a float
        raise TooLarge from None
    if math.isinf(number):
        raise TooLarge
    if math.isnan(number):
        raise ValueError
    return number


def _shown(number: float) -> str:
    return f"{number:,.0f}" if number.is_integer() and abs(number) < 1e15 else f"{number:g}"


def _magnitude_problem(field: str, number: float | None) -> tuple[str, str, str] | None:
    if number is None or abs(number) <= MAGNITUDE:
        return None
    return (field, "too_large", f"The {field} is too large: at most {MAGNITUDE_TEXT}")


def _whole_problem(field: str, number: float | None, whole: tuple) -> tuple[str, str, str] | None:
    if number is None or field not in whole or number.is_integer():
        return None
    return (field, "not_whole", f"The {field} must be a whole number, not {_shown(number)}")


def _field_problem(field, number, whole) -> tuple[str, str, str] | None:
    if number is None:
        return (field, "required", f"Enter the {field}")
    if number < 0:
        return (field, "negative", f"The {field} cannot be negative")
    return _magnitude_problem(field, number) or _whole_problem(field, number, whole)


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
    index: int,
    row: dict,
    *,
    data_type: str,
    frequency: str,
    today: date,
    allow_decimals: bool = False,
    stored: Mapping | None = None,
) -> tuple[CleanPoint | None, list[Problem]]:
    """One row; `stored` maps a period to its stored (value, numerator, denominator)."""
    raw_period = row.get("period")
    period, code, message = check_period(raw_period, frequency, today)
    found = [("period", code, message)] if code else []
    whole, numbers = whole_fields(data_type, allow_decimals), {}
    for field in VALUE_FIELDS[data_type]:
        try:
            number = numbers[field] = _number(row.get(field))
        except TooLarge:
            found.append(_magnitude_problem(field, math.inf))
        except (TypeError, ValueError):
            found.append((field, "not_a_number", f"Enter {field} as a number"))
        else:
            problem = _field_problem(field, number, whole)
            found += [problem] if problem else []
    if "denominator" in numbers and not any(f in VALUE_FIELDS[data_type] for f, *_ in found):
        found += _ratio_problems(numbers, data_type)
    if found and stored and period in stored and _unchanged(numbers, stored[period]):
        found = [problem for problem in found if problem[1] not in STORED_MAY_KEEP]
    if found:
        label = str(raw_period or "")
        return None, [Problem(index, label, *problem) for problem in found]
    return CleanPoint(index, period, **numbers), []


def _unchanged(numbers: dict, stored: tuple) -> bool:
    return tuple(numbers.get(f) for f in ("value", "numerator", "denominator")) == tuple(stored)


def _ratio_problems(numbers: dict, data_type: str) -> list[tuple[str, str, str]]:
    numerator, denominator = numbers.get("numerator"), numbers.get("denominator")
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
    rows: list[dict],
    *,
    data_type: str,
    frequency: str,
    today: date,
    allow_decimals: bool = False,
    stored: Mapping | None = None,
) -> tuple[list[CleanPoint], list[Problem]]:
    """Checks a batch; a period given twice is a problem on its second row."""
    if data_type not in VALUE_FIELDS:
        raise ValueError(f"{data_type} measures record events, not period values")
    return _check_batch(
        rows,
        "period",
        lambda index, row: check_point(
            index,
            row,
            data_type=data_type,
            frequency=frequency,
            today=today,
            allow_decimals=allow_decimals,
            stored=stored,
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
    except TooLarge:
        opportunities = math.inf  # refused as too large below
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
    if opportunities is not None and opportunities > MAGNITUDE:
        problems.append(
            Problem(
                index,
                label,
                "opportunities_since_previous",
                "too_large",
                f"The opportunities since the previous event are too large: at most "
                f"{MAGNITUDE_TEXT}",
            )
        )
    elif opportunities is not None and (opportunities < 0 or not opportunities.is_integer()):
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
