"""Computing one financial year's figures for every scope at once, straight from the records.

Each table is read in a few GROUP BY queries by region, with one conditional aggregate per
quarter; the national figures are the regions' sums (projects and measures count by lead region,
so regions add up), except distinct organisations engaged, which are counted nationally in their
own query (one organisation engaged by two regions counts once). So a year costs the same few
queries however many scopes it has. The result is {scope: {(quarter, metric): value}}, quarter
0 being the whole year.
"""

from django.db.models import Count, Exists, OuterRef, Q, Sum

from core.fiscal import QUARTERS, WHOLE_YEAR, quarter_bounds
from measurement.models import Measure, QuarterState
from measurement.spc.codes import Variation
from projects.models import Project, ProjectStatus
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    TrainingRecord,
)
from reporting.models import NATIONAL
from reporting.rollups.arithmetic import organisation_group

Figures = dict[tuple[int, str], float]
ByScope = dict[str, Figures]
ALL_QUARTERS = (*QUARTERS, WHOLE_YEAR)


def _columns(year: str, field: str, aggregate, prefix: str = "q") -> dict:
    """{"q1": aggregate over quarter 1 of `field`'s dates, ..., "q0": over the year}."""
    columns = {}
    for quarter in ALL_QUARTERS:
        window = Q(**{f"{field}__range": quarter_bounds(year, quarter)})
        columns[f"{prefix}{quarter}"] = aggregate(window)
    return columns


def _sum(column: str):
    return lambda window: Sum(column, filter=window)


def _count(window):
    return Count("id", filter=window)


def _distinct_organisations(window):
    return Count("organisation", filter=window, distinct=True)


def _in_year(queryset, year: str, field: str):
    return queryset.filter(**{f"{field}__range": quarter_bounds(year, WHOLE_YEAR)})


def _region_and_national(path: str):
    return lambda row: (row[path], NATIONAL)


def _region_only(path: str):
    return lambda row: (row[path],)


def _national_only(row):
    return (NATIONAL,)


def _add(by_scope: ByScope, rows, metric_of, scopes_of, prefix: str = "q") -> None:
    for row in rows:
        for quarter in ALL_QUARTERS:
            value = row[f"{prefix}{quarter}"] or 0
            if not value:
                continue
            key = (quarter, metric_of(row))
            for scope in scopes_of(row):
                figures = by_scope.setdefault(scope, {})
                figures[key] = figures.get(key, 0) + value


REGION = "region__slug"
LEAD_REGION = "lead_region__slug"


def training(year: str, by_scope: ByScope) -> None:
    records = _in_year(TrainingRecord.objects.all(), year, "date")
    people = _columns(year, "date", _sum("people_trained"))
    both = _region_and_national(REGION)
    by_type = list(records.values(REGION, "training_type").annotate(**people))
    _add(by_scope, by_type, lambda r: f"staff_trained.{r['training_type']}", both)
    _add(by_scope, by_type, lambda r: "staff_trained.total", both)
    _add(
        by_scope,
        records.exclude(qi_level="").values(REGION, "qi_level").annotate(**people),
        lambda r: f"staff_trained.qi_capability.{r['qi_level']}",
        both,
    )
    patients = _columns(year, "date", _sum("patients_trained"))
    _add(by_scope, records.values(REGION).annotate(**patients), lambda r: "patients_trained", both)


def champions(year: str, by_scope: ByScope) -> None:
    records = _in_year(ChampionRecruitment.objects.all(), year, "date")
    rows = list(records.values(REGION, "kind").annotate(**_columns(year, "date", _sum("count"))))
    both = _region_and_national(REGION)
    _add(by_scope, rows, lambda r: f"champions_recruited.{r['kind']}", both)
    _add(by_scope, rows, lambda r: "champions_recruited.total", both)


def _by_group(row) -> str:
    return f"organisations_engaged.{organisation_group(row['organisation__type'])}"


def engagement(year: str, by_scope: ByScope) -> None:
    """Distinct organisations, counted per region and again nationally (not summed)."""
    records = _in_year(OrganisationEngagement.objects.all(), year, "first_engaged")
    distinct = _columns(year, "first_engaged", _distinct_organisations)
    _add(
        by_scope,
        records.values(REGION, "organisation__type").annotate(**distinct),
        _by_group,
        _region_only(REGION),
    )
    _add(
        by_scope,
        records.values(REGION).annotate(**distinct),
        lambda r: "organisations_engaged.total",
        _region_only(REGION),
    )
    _add(
        by_scope,
        records.values("organisation__type").annotate(**distinct),
        _by_group,
        _national_only,
    )
    _add(
        by_scope,
        [records.aggregate(**distinct)],
        lambda r: "organisations_engaged.total",
        _national_only,
    )


def culture(year: str, by_scope: ByScope) -> None:
    records = _in_year(CultureAssessment.objects.all(), year, "date")
    _add(
        by_scope,
        records.values(REGION).annotate(**_columns(year, "date", _count)),
        lambda r: "culture_assessments",
        _region_and_national(REGION),
    )


def _open_at(day) -> Q:
    """Started by `day`, neither completed nor stopped by then."""
    return (
        Q(start_date__lte=day)
        & ~Q(status=ProjectStatus.PLANNED)
        & ~Q(completed_on__lte=day)
        & ~Q(status=ProjectStatus.STOPPED, status_since__lte=day)
    )


def _stalled_at(day) -> Q:
    """Open at `day` and stalled by then (a project stalls on the day the sweep finds it quiet,
    so earlier periods keep it as active)."""
    return _open_at(day) & Q(status=ProjectStatus.STALLED, status_since__lte=day)


def _active_at(day) -> Q:
    """Open at `day` and not stalled then: stalled projects are counted apart."""
    return _open_at(day) & ~Q(status=ProjectStatus.STALLED, status_since__lte=day)


def _active_columns(year: str) -> dict:
    columns = {}
    for quarter in ALL_QUARTERS:
        end = quarter_bounds(year, quarter)[1]
        columns[f"a{quarter}"] = Count("id", filter=_active_at(end))
        columns[f"z{quarter}"] = Count("id", filter=_stalled_at(end))
    return columns


def _may_count_in(year: str) -> Q:
    """Projects that can count in the year: started by its end, and started in it, completed
    in it, or still open at its start (about half the projects, for a recent year)."""
    first, last = quarter_bounds(year, WHOLE_YEAR)
    still_open = (
        Q(completed_on__isnull=True)
        & ~Q(status=ProjectStatus.PLANNED)
        & ~Q(status=ProjectStatus.STOPPED, status_since__lt=first)
    )
    return Q(start_date__lte=last) & (
        Q(start_date__gte=first) | Q(completed_on__gte=first) | still_open
    )


def projects(year: str, by_scope: ByScope) -> None:
    """Counted by lead region, so regions add up to the national figure."""
    records = Project.objects.filter(_may_count_in(year))
    started = _columns(year, "start_date", _count, prefix="s")
    completed = _columns(year, "completed_on", _count, prefix="c")
    both = _region_and_national(LEAD_REGION)
    by_topic = list(
        records.values(LEAD_REGION, "topic").annotate(
            **started, **completed, **_active_columns(year)
        )
    )
    _add(by_scope, by_topic, lambda r: "projects_started", both, "s")
    _add(by_scope, by_topic, lambda r: f"projects_started.topic.{r['topic']}", both, "s")
    _add(by_scope, by_topic, lambda r: "projects_completed", both, "c")
    _add(by_scope, by_topic, lambda r: "projects_active", both, "a")
    _add(by_scope, by_topic, lambda r: f"projects_active.topic.{r['topic']}", both, "a")
    _add(by_scope, by_topic, lambda r: "projects_stalled", both, "z")
    _add(by_scope, by_topic, lambda r: f"projects_stalled.topic.{r['topic']}", both, "z")
    by_setting = list(
        records.filter(care_settings__isnull=False)
        .values(LEAD_REGION, "care_settings__slug")
        .annotate(**started, **_active_columns(year))
    )
    _add(
        by_scope,
        by_setting,
        lambda r: f"projects_started.setting.{r['care_settings__slug']}",
        both,
        "s",
    )
    _add(
        by_scope,
        by_setting,
        lambda r: f"projects_active.setting.{r['care_settings__slug']}",
        both,
        "a",
    )


MEASURE_REGION = "measure__project__lead_region__slug"
MEASURE_METRICS = {
    Variation.IMPROVEMENT: "measures_improving",
    Variation.CONCERN: "measures_concern",
}


def measures(year: str, by_scope: ByScope) -> None:
    states = QuarterState.objects.filter(financial_year=year, variation__in=MEASURE_METRICS)
    both = _region_and_national(MEASURE_REGION)
    for row in states.values(MEASURE_REGION, "quarter", "variation").annotate(n=Count("*")):
        key = (row["quarter"], MEASURE_METRICS[row["variation"]])
        for scope in both(row):
            figures = by_scope.setdefault(scope, {})
            figures[key] = figures.get(key, 0) + row["n"]
    harm_avoided(year, by_scope)


def _latest_year_is(year: str):
    """Measures whose chart's latest year is `year`: a reading in it and none after it."""
    in_year = QuarterState.objects.filter(
        measure=OuterRef("pk"), financial_year=year, quarter=WHOLE_YEAR
    )
    later = QuarterState.objects.filter(measure=OuterRef("pk"), financial_year__gt=year)
    return Measure.objects.filter(Exists(in_year), ~Exists(later), harm_avoided__isnull=False)


def harm_avoided(year: str, by_scope: ByScope) -> None:
    """A measure's current estimate counts once: in the latest year its chart covers. Each
    scope's total is rounded on its own, so national is summed before rounding."""
    latest = _latest_year_is(year)
    totals = list(latest.values("project__lead_region__slug").annotate(total=Sum("harm_avoided")))
    national = sum(row["total"] for row in totals)
    for scope, total in [
        *((r["project__lead_region__slug"], r["total"]) for r in totals),
        (NATIONAL, national),
    ]:
        if total:
            by_scope.setdefault(scope, {})[(WHOLE_YEAR, "harm_avoided")] = round(total, 1)


def compute_year(year: str) -> ByScope:
    # The spread figures and the stories (learning's records) build on this module's helpers.
    from reporting.rollups.spread import spread
    from reporting.rollups.stories import stories_and_reuses

    by_scope: ByScope = {}
    parts = (projects, training, champions, engagement, culture, measures, spread)
    for part in (*parts, stories_and_reuses):
        part(year, by_scope)
    return by_scope
