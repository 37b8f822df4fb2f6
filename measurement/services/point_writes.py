"""Writing planned data points with their history: set-based SQL on PostgreSQL, the ORM elsewhere.

Both writers take the same rows and leave the same result: each point created or updated with
`entered_by` and `updated_at`, and one history row per point ('+' created, '~' changed) with the
user, one timestamp and no change reason, as django-simple-history's bulk helpers write.
"""

from datetime import date, datetime
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from measurement.models import DataPoint
from regions.models import User

VALUE_COLUMNS = ("value", "numerator", "denominator")


class PointWrite(NamedTuple):  # a tuple: 10,000 of them are made quickly
    measure_id: int
    period: date
    value: float | None
    numerator: float | None
    denominator: float | None
    point_id: int | None  # the stored point's id when it is updated; None when it is created


def write_points(writes: list[PointWrite], *, by: User, now: datetime) -> None:
    writer = write_with_sql if connection.vendor == "postgresql" else write_with_orm
    writer(writes, by=by, now=now)


# New points: one INSERT from parallel arrays, its rows copied into the history as created.
INSERT_POINTS = """
WITH written AS (
    INSERT INTO {points} (measure_id, period, value, numerator, denominator, entered_by_id,
                          updated_at)
    SELECT measure_id, period, value, numerator, denominator, %(by_id)s, %(now)s
    FROM {incoming}
    RETURNING {returned}
)
{history}
"""

# Changed points: one UPDATE joined to the same arrays, its rows copied into the history as changed.
UPDATE_POINTS = """
WITH written AS (
    UPDATE {points} SET
        value = incoming.value, numerator = incoming.numerator,
        denominator = incoming.denominator, entered_by_id = %(by_id)s, updated_at = %(now)s
    FROM {incoming}
    WHERE point.measure_id = incoming.measure_id AND point.period = incoming.period
    RETURNING {returned}
)
{history}
"""

INCOMING = """unnest(%(measure_ids)s::bigint[], %(periods)s::date[], %(values)s::float8[],
                 %(numerators)s::float8[], %(denominators)s::float8[])
         AS incoming (measure_id, period, value, numerator, denominator)"""

RETURNED = (
    "point.id, point.measure_id, point.period, point.value, point.numerator, "
    "point.denominator, point.entered_by_id"
)

HISTORY = """
INSERT INTO {history} (id, measure_id, period, value, numerator, denominator, entered_by_id,
                       history_date, history_change_reason, history_type, history_user_id)
SELECT id, measure_id, period, value, numerator, denominator, entered_by_id,
       %(now)s, NULL, '{history_type}', %(by_id)s
FROM written
"""

NO_HISTORY = "SELECT count(*) FROM written"


def write_with_sql(writes: list[PointWrite], *, by: User, now: datetime) -> None:
    created = [write for write in writes if write.point_id is None]
    changed = [write for write in writes if write.point_id is not None]
    with connection.cursor() as cursor:
        for statement, rows, history_type in (
            (INSERT_POINTS, created, "+"),
            (UPDATE_POINTS, changed, "~"),
        ):
            if rows:
                cursor.execute(
                    _statement(statement, history_type),
                    {**_arrays(rows), "by_id": by.pk, "now": now},
                )


def _statement(template: str, history_type: str) -> str:
    quote = connection.ops.quote_name
    history = NO_HISTORY
    if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        history = HISTORY.format(
            history=quote(DataPoint.history.model._meta.db_table), history_type=history_type
        )
    # Aliased so that both statements' RETURNING lists read alike.
    points = quote(DataPoint._meta.db_table) + " AS point"
    return template.format(points=points, incoming=INCOMING, returned=RETURNED, history=history)


def _arrays(rows: list[PointWrite]) -> dict[str, str]:
    """Each column as a PostgreSQL array literal: psycopg would adapt 10,000 Python values one
    by one, while str() of ints, ISO dates and floats (repr: exact round trip) is quick."""
    return {
        "measure_ids": _literal(str(row.measure_id) for row in rows),
        "periods": _literal(row.period.isoformat() for row in rows),
        "values": _literal(_number(row.value) for row in rows),
        "numerators": _literal(_number(row.numerator) for row in rows),
        "denominators": _literal(_number(row.denominator) for row in rows),
    }


def _literal(items) -> str:
    return "{" + ",".join(items) + "}"


def _number(value: float | None) -> str:
    return "NULL" if value is None else repr(value)


def write_with_orm(writes: list[PointWrite], *, by: User, now: datetime) -> None:
    """The portable path (SQLite): bulk writes through django-simple-history."""
    points = [
        DataPoint(
            pk=w.point_id,
            measure_id=w.measure_id,
            period=w.period,
            value=w.value,
            numerator=w.numerator,
            denominator=w.denominator,
            entered_by=by,
            updated_at=now,
        )
        for w in writes
    ]
    to_create = [p for p in points if p.pk is None]
    to_update = [p for p in points if p.pk is not None]
    if to_create:
        bulk_create_with_history(
            to_create, DataPoint, default_user=by, default_date=now, batch_size=2000
        )
    if to_update:
        # bulk_update skips auto_now, so updated_at is named here: a sync must see corrections.
        bulk_update_with_history(
            to_update,
            DataPoint,
            (*VALUE_COLUMNS, "entered_by", "updated_at"),
            default_user=by,
            default_date=now,
            batch_size=2000,
        )
