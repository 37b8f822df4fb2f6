"""The data point rows of a chunk of measures, redrawn from their plans: as COPY text for
PostgreSQL (formatted in the worker processes, so the parent only streams bytes) or as tuples
for SQLite. Pure: no Django."""

from datetime import UTC, date, datetime, time, timedelta

from demo.scale.plans import MeasurePlan
from demo.scale.readings import periods
from demo.scale.series import draw

COLUMNS = (
    "id",
    "measure_id",
    "period",
    "value",
    "numerator",
    "denominator",
    "entered_by_id",
    "updated_at",
)
NULL = "\\N"
ENTERED_AFTER = timedelta(days=8, hours=10)  # teams enter a week's value the Tuesday after


def entered_at(period: date) -> datetime:
    return datetime.combine(period, time(), tzinfo=UTC) + ENTERED_AFTER


def _columns(plan: MeasurePlan, series) -> tuple[list, list, list]:
    weeks_none = [None] * (len(series.value) if series.value is not None else len(series.numerator))
    if series.value is not None:
        return series.value.tolist(), weeks_none, weeks_none
    return weeks_none, series.numerator.tolist(), series.denominator.tolist()


def _text(value) -> str:
    if value is None:
        return NULL
    return str(int(value)) if value.is_integer() else repr(value)


def text_chunk(job: tuple) -> bytes:
    """For a process pool: (seed, first week, weeks, plans) -> COPY text of their points."""
    seed, first, weeks, plans = job
    days = [period.isoformat() for period in periods(first, weeks)]
    stamps = [entered_at(period).isoformat() for period in periods(first, weeks)]
    lines = []
    for plan in plans:
        values, numerators, denominators = _columns(plan, draw(seed, plan, first, weeks))
        head = f"\t{plan.id}\t"
        tail = f"\t{plan.entered_by}\t"
        lines += [
            f"{plan.first_point_id + week}{head}{days[week]}\t{_text(v)}\t{_text(n)}\t"
            f"{_text(d)}{tail}{stamps[week]}\n"
            for week, (v, n, d) in enumerate(zip(values, numerators, denominators, strict=True))
        ]
    return "".join(lines).encode()


def row_chunk(job: tuple) -> list[tuple]:
    """(seed, first week, weeks, plans) -> data point rows as tuples (for SQLite)."""
    seed, first, weeks, plans = job
    all_periods = periods(first, weeks)
    rows = []
    for plan in plans:
        values, numerators, denominators = _columns(plan, draw(seed, plan, first, weeks))
        rows += [
            (
                plan.first_point_id + week,
                plan.id,
                all_periods[week],
                v,
                n,
                d,
                plan.entered_by,
                entered_at(all_periods[week]),
            )
            for week, (v, n, d) in enumerate(zip(values, numerators, denominators, strict=True))
        ]
    return rows
