"""Filter backends every list shares: ?updated_since= for incremental sync.

A partner keeps the time of its last sync and asks only for rows changed since then. Lists name
the timestamp column in `updated_field` (most models have `updated_at`); a model without one can
name a queryset method or annotation instead.
"""

from datetime import UTC, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend, OrderingFilter

PARAMETER = "updated_since"


def parse_moment(raw: str) -> datetime:
    """An ISO 8601 date or date-time; a naive one is read in the service's time zone."""
    raw = raw.strip().replace(" ", "+")  # an unencoded + in a query string arrives as a space
    try:
        moment = parse_datetime(raw)
        day = None if moment else parse_date(raw)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time.min)
    if moment is not None:
        moment = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
        try:
            moment.astimezone(UTC)  # how the database is asked; 9999-12-31T23:59-23:59 is not
        except OverflowError:
            moment = None
    if moment is None:
        raise exceptions.ValidationError(
            {
                PARAMETER: [
                    exceptions.ErrorDetail(
                        "Give a date or date-time in ISO 8601, like 2025-01-06 or "
                        "2025-01-06T09:30:00Z, between the years 1 and 9999 in UTC",
                        code="invalid_datetime",
                    )
                ]
            }
        )
    return moment


class UpdatedSinceFilter(BaseFilterBackend):
    """?updated_since=<ISO 8601>: rows created or changed at or after that moment."""

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(PARAMETER)
        if raw is None or raw == "":
            return queryset
        since = parse_moment(raw)
        updated_field = getattr(view, "updated_field", "updated_at")
        if updated_field is None:
            return queryset  # fixed reference data: every row is returned
        if callable(updated_field):
            return updated_field(queryset, since)
        return queryset.filter(**{f"{updated_field}__gte": since})

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": PARAMETER,
                "in": "query",
                "required": False,
                "description": "Only rows created or changed at or after this moment (ISO 8601 "
                "date or date-time, e.g. 2025-01-06T09:30:00Z). Deleted rows are "
                "not listed.",
                "schema": {"type": "string"},
            }
        ]


class Ordering(OrderingFilter):
    """?ordering=field or -field; every list's default ends on a unique column."""

    def get_default_ordering(self, view):
        return getattr(view, "ordering", None) or ("id",)
