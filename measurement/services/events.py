"""Recording rare events (never events, infections needing antibiotics) for t and g charts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from measurement.models import DataType, Event, Measure
from measurement.services.data import ImportSummary
from measurement.services.event_checks import measure_events_checked
from measurement.services.permissions import check_may_enter
from measurement.services.refresh import measures_changed
from regions.models import User


def events_upsert(
    *, by: User, measure: Measure, rows: list[dict], partial: bool = False, dry_run: bool = False
) -> ImportSummary:
    """One event per day: a day already recorded has its opportunities updated."""
    check_may_enter(by, measure)
    if measure.data_type != DataType.EVENTS:
        raise ValidationError(
            {"measure": f"“{measure.name}” records values per period, not dated events"}
        )
    clean, problems = measure_events_checked(measure, rows, today=timezone.localdate())
    summary = ImportSummary(rejected=problems)
    if problems and not partial:
        return summary
    with transaction.atomic():
        Measure.objects.select_for_update().get(pk=measure.pk)
        existing = {e.date: e for e in measure.events.filter(date__in=[c.date for c in clean])}
        to_create, to_update = [], []
        for event in clean:
            current = existing.get(event.date)
            if current is None:
                to_create.append(
                    Event(
                        measure=measure,
                        date=event.date,
                        recorded_by=by,
                        opportunities_since_previous=event.opportunities_since_previous,
                    )
                )
            elif current.opportunities_since_previous == event.opportunities_since_previous:
                summary.unchanged += 1
            else:
                current.opportunities_since_previous = event.opportunities_since_previous
                to_update.append(current)
        summary.created, summary.updated = len(to_create), len(to_update)
        if dry_run or not (to_create or to_update):
            return summary
        bulk_create_with_history(to_create, Event, default_user=by)
        bulk_update_with_history(
            to_update, Event, ["opportunities_since_previous"], default_user=by
        )
        measures_changed({measure.pk: min(e.date for e in (*to_create, *to_update))})
        summary.saved = True
    return summary


def days_since_last_event(measure: Measure, today=None) -> int | None:
    last = measure.events.order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return None
    return ((today or timezone.localdate()) - last).days


@transaction.atomic
def event_delete(*, by: User, measure: Measure, date) -> bool:
    """Removes the event recorded on `date` (its history keeps who removed it and when)."""
    check_may_enter(by, measure)
    event = measure.events.filter(date=date).first()
    if event is None:
        return False
    event._history_user = by
    event.delete()
    measures_changed({measure.pk: event.date})
    return True
