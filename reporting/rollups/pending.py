"""Marking (region, financial year) pairs as needing a rollup, in the caller's transaction.

The mark is a row, so it survives a lost broker message, a killed worker or a Redis outage; the
incremental run the listeners enqueue after commit (reporting.rollups.triggers), or the next one,
or the nightly rebuild, clears it.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.fiscal import years_between
from reporting.models import PendingRollup


def mark_pending(scope: str, years) -> bool:
    """Marks the (scope, year) pairs not yet marked in this transaction; whether it marked any."""
    return mark_pairs({(scope, year) for year in years})


def mark_pairs(pairs: set[tuple[str, str]]) -> bool:
    """Marks each (scope, year), in that order: every writer of marks (and `clear_marks`) takes
    their row locks in one order, so concurrent refreshes of many regions cannot deadlock."""
    connection = transaction.get_connection()
    seen = _marked_in_this_transaction(connection)
    keys = sorted(pairs - seen)
    if not keys:
        return False
    # One upsert; marked_at moves on so a run that read the old mark keeps this one.
    PendingRollup.objects.bulk_create(
        [PendingRollup(scope=s, financial_year=y, marked_at=timezone.now()) for s, y in keys],
        update_conflicts=True,
        unique_fields=["scope", "financial_year"],
        update_fields=["marked_at"],
    )
    seen.update(keys)
    return True


@transaction.atomic
def clear_marks(condition: Q) -> None:
    """Deletes the marks matching `condition`, locking them in (scope, year) order first."""
    marks = PendingRollup.objects.select_for_update().filter(condition)
    done = list(marks.order_by("scope", "financial_year").values_list("pk", flat=True))
    PendingRollup.objects.filter(pk__in=done).delete()


def _marked_in_this_transaction(connection) -> set:
    """(scope, year) pairs this transaction has marked already: a 5,000-row import must not
    rewrite the same mark 5,000 times. Django gives each transaction a new on-commit list, so
    the set is tied to that list and starts empty in the next transaction (or after a rollback)."""
    if not connection.in_atomic_block:
        return set()
    state = getattr(connection, "_rollup_marks", None)
    if state is None or state[0] is not connection.run_on_commit:
        state = (connection.run_on_commit, set())
        connection._rollup_marks = state
    return state[1]


def forget_marks_seen() -> None:
    """Called by a run that cleared marks, so later changes in this transaction mark again."""
    transaction.get_connection()._rollup_marks = None


def mark_dates(scope: str, *days: date | None, through_today: bool = False) -> bool:
    """Marks the years of the given dates (and, for states that last, every year to today)."""
    days = [d for d in days if d]
    if not days:
        return False
    last = timezone.localdate() if through_today else max(days)
    return mark_pending(scope, years_between(min(days), max(last, max(days))))
