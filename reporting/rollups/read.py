"""Reading stored figures: what the dashboards and the API show. No live aggregation."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from reporting.models import NATIONAL, FigureVersion, RollupFigure, RollupRun
from reporting.rollups.arithmetic import RECORD_METRICS, figures_document


def flat_figures(scope: str, year: str, quarter: int = 0) -> dict[str, float]:
    rows = RollupFigure.objects.filter(scope=scope, financial_year=year, quarter=quarter)
    return dict(rows.values_list("metric", "value"))


def figures(scope: str, year: str, quarter: int = 0) -> dict:
    """The figures document of one scope ("national" or a region slug) and period."""
    document = {"scope": scope, "financial_year": year, "quarter": quarter or None}
    document.update(figures_document(flat_figures(scope, year, quarter)))
    last = last_refresh()
    document["refreshed_at"] = last.finished_at.isoformat() if last else None
    return document


def figures_by_scope(year: str, quarter: int = 0) -> dict[str, dict[str, float]]:
    """{scope: {metric: value}} for every scope in one query (the region table)."""
    table: dict[str, dict[str, float]] = {}
    rows = RollupFigure.objects.filter(financial_year=year, quarter=quarter)
    for scope, metric, value in rows.values_list("scope", "metric", "value"):
        table.setdefault(scope, {})[metric] = value
    return table


def quarterly_series(scope: str, metrics: list[str]) -> dict[str, list[tuple[str, int, float]]]:
    """{metric: [(year, quarter, value), ...]} over every stored year, for trend charts."""
    series: dict[str, list] = {metric: [] for metric in metrics}
    rows = RollupFigure.objects.filter(scope=scope, metric__in=metrics, quarter__gt=0).order_by(
        "financial_year", "quarter"
    )
    for year, quarter, metric, value in rows.values_list(
        "financial_year", "quarter", "metric", "value"
    ):
        series[metric].append((year, quarter, value))
    return series


def stored_years() -> list[str]:
    """Years with figures; the national scope has a row for every year any scope has, and
    filtering on it uses the (scope, year, ...) unique index instead of scanning the table."""
    rows = RollupFigure.objects.filter(scope=NATIONAL, quarter=0)
    return sorted(rows.values_list("financial_year", flat=True).distinct())


def years_and_records(scope: str) -> tuple[list[str], list[str]]:
    """The stored years (as `stored_years`), and those in which `scope` has any record (people
    trained, projects started, ...), not just projects still open at their end: one query."""
    rows = (
        RollupFigure.objects.filter(scope__in={NATIONAL, scope}, quarter=0)
        .values("scope", "financial_year")
        .annotate(records=Count("id", filter=Q(metric__in=RECORD_METRICS, value__gt=0)))
        .order_by()
    )
    stored, recorded = set(), set()
    for row in rows:
        if row["scope"] == NATIONAL:
            stored.add(row["financial_year"])
        if row["scope"] == scope and row["records"]:
            recorded.add(row["financial_year"])
    return sorted(stored), sorted(recorded)


def last_refresh() -> RollupRun | None:
    return RollupRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()


def silent_since() -> datetime:
    """An unfinished run not heard from since this moment died with its worker."""
    return timezone.now() - timedelta(seconds=settings.ROLLUP_RUN_SILENT_SECONDS)


def is_running(run: RollupRun | None) -> bool:
    """Under way: unfinished, no error, and heard from lately (a killed worker's run is not)."""
    return bool(run and not run.finished_at and not run.error and run.heartbeat_at > silent_since())


def latest_full_run() -> RollupRun | None:
    """The newest full rebuild, finished or not (the admin's progress line)."""
    return RollupRun.objects.filter(kind=RollupRun.Kind.FULL).order_by("-started_at").first()


def figure_versions() -> dict[tuple[str, str], int]:
    """{(scope, year): version} of every stored scope and year: one small query (16 scopes by a
    dozen years), read once per dashboard request to key its fragments."""
    rows = FigureVersion.objects.values_list("scope", "financial_year", "version")
    return {(scope, year): version for scope, year, version in rows}
