"""Reading activity records for the pages: one region's, newest first, with their totals.

What a user may see is `regions.access.activity_records_visible_to`; this adds only what the
pages need on top. Views read only here.
"""

from datetime import date

from django.db.models import Count, Max, Min, QuerySet, Sum

from core.fiscal import financial_year, financial_year_bounds, years_between
from regions import access
from regions.activity.kinds import CHAMPIONS, CULTURE, ENGAGEMENT, KINDS, TRAINING, Kind
from regions.models import Region, User


def records_visible_to(user: User, kind: Kind, region: Region) -> QuerySet:
    records = access.activity_records_visible_to(user, kind).filter(region=region)
    if "organisation" in kind.fields:
        records = records.select_related("organisation")
    return records.order_by(f"-{kind.date_field}", "-id")


def record_in_region(user: User, kind: Kind, region: Region, pk: int):
    """The record, or None when it does not exist, is of another region or is not visible."""
    return records_visible_to(user, kind, region).select_related("region").filter(pk=pk).first()


def in_year(records: QuerySet, kind: Kind, year: str) -> QuerySet:
    if not year:
        return records
    return records.filter(**{f"{kind.date_field}__range": financial_year_bounds(year)})


def years_with_records(records: QuerySet, kind: Kind, today: date) -> list[str]:
    """Every financial year from the oldest record's to this one, newest first."""
    span = records.aggregate(first=Min(kind.date_field), last=Max(kind.date_field))
    first = min(span["first"] or today, today)
    last = max(span["last"] or today, today)
    return list(reversed(years_between(first, last)))


def current_year(today: date) -> str:
    return financial_year(today)


# Totals: the headline figure, then one figure per category ---------------------------------

CATEGORY = {TRAINING: "training_type", CHAMPIONS: "kind", ENGAGEMENT: "route", CULTURE: "tool"}


def _headline(kind: Kind):
    if kind is TRAINING:
        return Sum("people_trained")
    if kind is CHAMPIONS:
        return Sum("count")
    return Count("id")


def totals(records: QuerySet, kind: Kind) -> dict:
    """{"records": n, "headline": n, "by_category": {code: n}}, and for training "patients"
    and "by_level"."""
    records = records.order_by()
    summary = records.aggregate(
        records=Count("id"),
        headline=_headline(kind),
        **({"patients": Sum("patients_trained")} if kind is TRAINING else {}),
    )
    summary = {key: value or 0 for key, value in summary.items()}  # Sum of nothing is None
    summary["by_category"] = _by(records, CATEGORY[kind], _headline(kind))
    if kind is TRAINING:
        summary["by_level"] = _by(records.exclude(qi_level=""), "qi_level", _headline(kind))
    return summary


def _by(records: QuerySet, column: str, aggregate) -> dict:
    return {row[column]: row["n"] for row in records.values(column).annotate(n=aggregate)}


def overview(user: User, region: Region, year: str) -> list[tuple[Kind, dict, dict]]:
    """Each kind with its totals in all years and in `year`."""
    result = []
    for kind in KINDS.values():
        records = records_visible_to(user, kind, region)
        result.append((kind, totals(records, kind), totals(in_year(records, kind, year), kind)))
    return result
