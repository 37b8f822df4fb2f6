"""Marking (region, financial year) pairs as needing a rollup, in the caller's transaction.

The mark is a row, so it survives a lost broker message, a killed worker or a Redis outage; the
incremental run enqueued after commit (or the next one, or the nightly rebuild) clears it.
"""

from datetime import date

from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone

from regions.models import PendingRollup
from regions.rollups.periods import years_between


def mark_pending(scope: str, years) -> None:
    years = sorted(set(years))
    if not years:
        return
    for year in years:
        PendingRollup.objects.update_or_create(scope=scope, financial_year=year,
                                               defaults={"marked_at": Now()})
    _enqueue_after_commit()


def mark_dates(scope: str, *days: date | None, through_today: bool = False) -> None:
    """Marks the years of the given dates (and, for states that last, every year to today)."""
    days = [d for d in days if d]
    if not days:
        return
    last = timezone.localdate() if through_today else max(days)
    mark_pending(scope, years_between(min(days), max(last, max(days))))


def _enqueue() -> None:
    from regions import tasks

    tasks.rollup_incremental.delay()


def _enqueue_after_commit() -> None:
    """One incremental run per transaction, however many marks it made."""
    connection = transaction.get_connection()
    if any(callback is _enqueue for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue)
