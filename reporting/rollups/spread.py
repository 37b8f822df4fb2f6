"""The spread of what works, per financial year for every scope at once (as compute.py does the
rest): changes published in the catalogue, organisations adopting them, programmes active and
their member teams.

Where each counts:
- a catalogue entry where its owner is: its region, or its programme's lead regions (a national
  programme's entries in England's figures only); England counts each entry once;
- an adoption in its organisation's home region; England counts each organisation once;
- a programme in each of its lead regions (a national programme in England's only); England
  counts each programme once;
- a member team in its project's lead region, so the regions add up to England.

Periods: "published" and "began adopting" count by date within the period; "in the catalogue"
and "adopting at the end" are as at the period's end (an adoption by its current status: one
abandoned today no longer counts at any period's end); programmes and member teams count in
every period their dates overlap (a planned programme does not count; one without an end date
counts until today), a team only while its programme runs. The marks that keep these fresh:
reporting/rollups/spread_triggers.py.
"""

from django.db.models import Count, Q

from core.fiscal import WHOLE_YEAR, quarter_bounds
from learning.models import (
    ADOPTING_STATUSES,
    Adoption,
    ChangeEntry,
    EntryStatus,
    Programme,
    ProgrammeMember,
    ProgrammeStatus,
)
from reporting.models import NATIONAL
from reporting.rollups.compute import ALL_QUARTERS, ByScope, _add, _columns


def _distinct(field: str):
    return lambda window: Count(field, filter=window, distinct=True)


def _by_end(year: str, field: str, aggregate, prefix: str) -> dict:
    """{prefix+quarter: aggregate over the records dated by each period's end}."""
    return {
        f"{prefix}{quarter}": aggregate(Q(**{f"{field}__lte": quarter_bounds(year, quarter)[1]}))
        for quarter in ALL_QUARTERS
    }


def _overlapping(year: str, starts: str, ends: str, aggregate, prefix: str) -> dict:
    """{prefix+quarter: aggregate over the records whose dates overlap each period}: the SQL
    of arithmetic.overlaps."""
    columns = {}
    for quarter in ALL_QUARTERS:
        first, last = quarter_bounds(year, quarter)
        window = Q(**{f"{starts}__lte": last}) & (
            Q(**{f"{ends}__isnull": True}) | Q(**{f"{ends}__gte": first})
        )
        columns[f"{prefix}{quarter}"] = aggregate(window)
    return columns


def _region_only(path: str):
    return lambda row: (row[path],)


def _national_only(row):
    return (NATIONAL,)


def _named(metric: str):
    return lambda row: metric


def changes(year: str, by_scope: ByScope) -> None:
    """Catalogue entries published in each period, and in the catalogue at its end."""
    last = quarter_bounds(year, WHOLE_YEAR)[1]
    entries = ChangeEntry.objects.filter(status=EntryStatus.PUBLISHED, published_on__lte=last)
    columns = {
        **_columns(year, "published_on", _distinct("id"), prefix="p"),
        **_by_end(year, "published_on", _distinct("id"), prefix="k"),
    }
    by_owner = [
        (
            entries.filter(owner_region__isnull=False).values("owner_region__slug"),
            "owner_region__slug",
        ),
        (
            entries.filter(
                owner_programme__is_national=False,
                owner_programme__lead_regions__isnull=False,
            ).values("owner_programme__lead_regions__slug"),
            "owner_programme__lead_regions__slug",
        ),
    ]
    for rows, path in by_owner:
        counted = list(rows.annotate(**columns))
        _add(by_scope, counted, _named("changes_published"), _region_only(path), "p")
        _add(by_scope, counted, _named("changes_in_catalogue"), _region_only(path), "k")
    national = [entries.aggregate(**columns)]
    _add(by_scope, national, _named("changes_published"), _national_only, "p")
    _add(by_scope, national, _named("changes_in_catalogue"), _national_only, "k")


ORGANISATION_REGION = "organisation__region__slug"
ORGANISATION_TYPE = "organisation__type"


def adoptions(year: str, by_scope: ByScope) -> None:
    """Distinct organisations that began adopting a change in each period, and those adopting
    any at its end, in total and by organisation type."""
    last = quarter_bounds(year, WHOLE_YEAR)[1]
    adopting = Adoption.objects.filter(status__in=ADOPTING_STATUSES, adopted_on__lte=last)
    columns = {
        **_columns(year, "adopted_on", _distinct("organisation"), prefix="b"),
        **_by_end(year, "adopted_on", _distinct("organisation"), prefix="e"),
    }
    for prefix, name in (("b", "organisations_adopting"), ("e", "organisations_adopting_at_end")):
        by_type = lambda row, name=name: f"{name}.type.{row[ORGANISATION_TYPE]}"  # noqa: E731
        total = _named(f"{name}.total")
        region = _region_only(ORGANISATION_REGION)
        regional_types = list(
            adopting.values(ORGANISATION_REGION, ORGANISATION_TYPE).annotate(**columns)
        )
        _add(by_scope, regional_types, by_type, region, prefix)
        # An organisation has one type and one home region, so these totals are sums of rows.
        _add(by_scope, regional_types, total, region, prefix)
        national_types = list(adopting.values(ORGANISATION_TYPE).annotate(**columns))
        _add(by_scope, national_types, by_type, _national_only, prefix)
        _add(by_scope, national_types, total, _national_only, prefix)


def programmes(year: str, by_scope: ByScope) -> None:
    """Programmes whose dates overlap each period (planned ones aside)."""
    running = Programme.objects.exclude(status=ProgrammeStatus.PLANNED)
    columns = _overlapping(year, "start_date", "end_date", _distinct("id"), prefix="r")
    regional = list(
        running.filter(is_national=False, lead_regions__isnull=False)
        .values("lead_regions__slug")
        .annotate(**columns)
    )
    _add(by_scope, regional, _named("programmes_active"), _region_only("lead_regions__slug"), "r")
    _add(by_scope, [running.aggregate(**columns)], _named("programmes_active"), _national_only, "r")


MEMBER_REGION = "project__lead_region__slug"


def members(year: str, by_scope: ByScope) -> None:
    """Teams (projects) in a programme during each period, each once, by lead region: while
    they were members and their programme (not a planned one) was running."""
    membership = _overlapping(year, "joined_on", "left_on", lambda window: window, prefix="m")
    running = _overlapping(
        year, "programme__start_date", "programme__end_date", lambda window: window, prefix="m"
    )
    columns = {
        key: Count("project", filter=membership[key] & running[key], distinct=True)
        for key in membership
    }
    teams = ProgrammeMember.objects.exclude(programme__status=ProgrammeStatus.PLANNED)
    regional = list(teams.values(MEMBER_REGION).annotate(**columns))
    _add(by_scope, regional, _named("member_teams"), _region_only(MEMBER_REGION), "m")
    national = [teams.aggregate(**columns)]
    _add(by_scope, national, _named("member_teams"), _national_only, "m")


def spread(year: str, by_scope: ByScope) -> None:
    for part in (changes, adoptions, programmes, members):
        part(year, by_scope)
