"""Computing one scope's figures for one financial year straight from the records.

Each figure is a handful of GROUP BY queries with one conditional aggregate per quarter, so a
(scope, year) costs the same however many records it holds. The result is flat:
{(quarter, metric): value}, quarter 0 being the whole year.
"""

from django.db.models import Count, Max, Q, Sum

from measurement.models import Measure, QuarterState
from projects.models import Project, ProjectStatus
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    TrainingRecord,
)
from regions.models.rollups import NATIONAL
from regions.rollups.arithmetic import CONCERN, IMPROVING, organisation_group
from regions.rollups.periods import QUARTERS, WHOLE_YEAR, quarter_bounds

Figures = dict[tuple[int, str], float]


def _in_scope(queryset, scope: str, region_path: str = "region__slug"):
    return queryset if scope == NATIONAL else queryset.filter(**{region_path: scope})


def _per_quarter(year: str, field: str, aggregate, *, distinct_of: str | None = None) -> dict:
    """{"q1": aggregate over quarter 1 of `field`'s dates, ...,"q0": over the year}."""
    columns = {}
    for quarter in (*QUARTERS, WHOLE_YEAR):
        first, last = quarter_bounds(year, quarter)
        window = Q(**{f"{field}__range": (first, last)})
        columns[f"q{quarter}"] = aggregate(window, distinct_of)
    return columns


def _sum(column: str):
    return lambda window, _: Sum(column, filter=window)


def _count(window, distinct_of):
    return Count(distinct_of or "id", filter=window, distinct=bool(distinct_of))


def _add(figures: Figures, rows, metric_of) -> None:
    for row in rows:
        for quarter in (*QUARTERS, WHOLE_YEAR):
            value = row[f"q{quarter}"] or 0
            if value:
                key = (quarter, metric_of(row))
                figures[key] = figures.get(key, 0) + value


def training(scope: str, year: str, figures: Figures) -> None:
    records = _in_scope(TrainingRecord.objects.all(), scope)
    people = _per_quarter(year, "date", _sum("people_trained"))
    _add(figures, records.values("training_type").annotate(**people),
         lambda r: f"staff_trained.{r['training_type']}")
    _add(figures, records.values("training_type").annotate(**people),
         lambda r: "staff_trained.total")
    _add(figures, records.exclude(qi_level="").values("qi_level").annotate(**people),
         lambda r: f"staff_trained.qi_capability.{r['qi_level']}")
    _add(figures, [records.aggregate(**_per_quarter(year, "date", _sum("patients_trained")))],
         lambda r: "patients_trained")


def champions(scope: str, year: str, figures: Figures) -> None:
    records = _in_scope(ChampionRecruitment.objects.all(), scope)
    counts = _per_quarter(year, "date", _sum("count"))
    rows = list(records.values("kind").annotate(**counts))
    _add(figures, rows, lambda r: f"champions_recruited.{r['kind']}")
    _add(figures, rows, lambda r: "champions_recruited.total")


def engagement(scope: str, year: str, figures: Figures) -> None:
    """Distinct organisations: one engaged by two regions counts once nationally."""
    records = _in_scope(OrganisationEngagement.objects.all(), scope)
    distinct = _per_quarter(year, "first_engaged", _count, distinct_of="organisation")
    _add(figures, records.values("organisation__type").annotate(**distinct),
         lambda r: f"organisations_engaged.{organisation_group(r['organisation__type'])}")
    _add(figures, [records.aggregate(**distinct)], lambda r: "organisations_engaged.total")


def culture(scope: str, year: str, figures: Figures) -> None:
    records = _in_scope(CultureAssessment.objects.all(), scope)
    _add(figures, [records.aggregate(**_per_quarter(year, "date", _count))],
         lambda r: "culture_assessments")


def _active_at(day) -> Q:
    """Started by `day`, neither completed nor stopped by then."""
    return (Q(start_date__lte=day) & ~Q(status=ProjectStatus.PLANNED)
            & ~Q(completed_on__lte=day)
            & ~Q(status=ProjectStatus.STOPPED, status_since__lte=day))


def _active_columns(year: str) -> dict:
    columns = {}
    for quarter in (*QUARTERS, WHOLE_YEAR):
        _, last = quarter_bounds(year, quarter)
        columns[f"q{quarter}"] = Count("id", filter=_active_at(last))
    return columns


def projects(scope: str, year: str, figures: Figures) -> None:
    """Counted by lead region, so regions add up to the national figure."""
    records = _in_scope(Project.objects.all(), scope, "lead_region__slug")
    started = _per_quarter(year, "start_date", _count)
    completed = _per_quarter(year, "completed_on", _count)
    active = _active_columns(year)
    by_topic = records.values("topic")
    _add(figures, by_topic.annotate(**started), lambda r: "projects_started")
    _add(figures, by_topic.annotate(**started), lambda r: f"projects_started.topic.{r['topic']}")
    _add(figures, by_topic.annotate(**completed), lambda r: "projects_completed")
    _add(figures, by_topic.annotate(**active), lambda r: "projects_active")
    _add(figures, by_topic.annotate(**active), lambda r: f"projects_active.topic.{r['topic']}")
    by_setting = records.filter(care_settings__isnull=False).values("care_settings__slug")
    _add(figures, by_setting.annotate(**started),
         lambda r: f"projects_started.setting.{r['care_settings__slug']}")
    _add(figures, by_setting.annotate(**active),
         lambda r: f"projects_active.setting.{r['care_settings__slug']}")


def measures(scope: str, year: str, figures: Figures) -> None:
    states = _in_scope(QuarterState.objects.filter(financial_year=year), scope,
                       "measure__project__lead_region__slug")
    for row in states.values("quarter", "variation").annotate(n=Count("id")):
        metric = {IMPROVING: "measures_improving", CONCERN: "measures_concern"}.get(
            row["variation"])
        if metric:
            figures[(row["quarter"], metric)] = figures.get((row["quarter"], metric), 0) + row["n"]
    # A measure's current estimate counts once: in the latest year its chart covers.
    latest = Measure.objects.filter(harm_avoided__isnull=False).annotate(
        latest_year=Max("quarter_states__financial_year")).filter(latest_year=year)
    harm = _in_scope(latest, scope, "project__lead_region__slug").aggregate(
        total=Sum("harm_avoided"))
    if harm["total"]:
        figures[(WHOLE_YEAR, "harm_avoided")] = round(harm["total"], 1)


def compute(scope: str, year: str) -> Figures:
    figures: Figures = {}
    for part in (projects, training, champions, engagement, culture, measures):
        part(scope, year, figures)
    return figures

