"""Full and incremental rollups beside one hand-written SQL statement computing the same totals."""

from __future__ import annotations

import time
from datetime import date

from harness import RUNS, Row, check, median_runs, no_enqueueing, ratio, seconds, timed
from measure_entry import entry, entry_measures

# Rollups --------------------------------------------------------------------------------------

# One statement computing the headline figures the rollups store, for every scope (national and
# each region), financial year and quarter (0: the whole year), as (scope, year, quarter, metric,
# value) rows: the baseline for the full and incremental rebuilds.
TOTALS_SQL = """
WITH periods AS (
  SELECT y, q, CASE WHEN q = 0 THEN make_date(y, 4, 1)
                    ELSE (make_date(y, 4, 1) + (q - 1) * interval '3 months')::date END AS first,
         CASE WHEN q = 0 THEN make_date(y + 1, 3, 31)
              ELSE (make_date(y, 4, 1) + q * interval '3 months' - interval '1 day')::date
         END AS last
  FROM unnest(%(years)s::int[]) AS y CROSS JOIN unnest(%(quarters)s::int[]) AS q
), figures AS (
  SELECT r.slug, pe.y, pe.q, 'staff_trained.total' AS metric, sum(t.people_trained) AS value
  FROM regions_trainingrecord t JOIN regions_region r ON r.id = t.region_id
  JOIN periods pe ON t.date BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'patients_trained', sum(t.patients_trained)
  FROM regions_trainingrecord t JOIN regions_region r ON r.id = t.region_id
  JOIN periods pe ON t.date BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'champions_recruited.total', sum(c.count)
  FROM regions_championrecruitment c JOIN regions_region r ON r.id = c.region_id
  JOIN periods pe ON c.date BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'culture_assessments', count(*)
  FROM regions_cultureassessment c JOIN regions_region r ON r.id = c.region_id
  JOIN periods pe ON c.date BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'organisations_engaged.total', count(DISTINCT e.organisation_id)
  FROM regions_organisationengagement e JOIN regions_region r ON r.id = e.region_id
  JOIN periods pe ON e.first_engaged BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'projects_started', count(*)
  FROM projects_project p JOIN regions_region r ON r.id = p.lead_region_id
  JOIN periods pe ON p.start_date BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'projects_completed', count(*)
  FROM projects_project p JOIN regions_region r ON r.id = p.lead_region_id
  JOIN periods pe ON p.completed_on BETWEEN pe.first AND pe.last
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, pe.y, pe.q, 'projects_active', count(*)
  FROM projects_project p JOIN regions_region r ON r.id = p.lead_region_id
  JOIN periods pe ON p.start_date <= pe.last AND p.status <> 'planned'
   AND (p.completed_on IS NULL OR p.completed_on > pe.last)
   AND NOT (p.status = 'stopped' AND p.status_since <= pe.last)
  GROUP BY GROUPING SETS ((pe.y, pe.q), (r.slug, pe.y, pe.q))
  UNION ALL
  SELECT r.slug, left(s.financial_year, 4)::int, s.quarter,
         CASE s.variation WHEN 'special_cause_improvement' THEN 'measures_improving'
                          ELSE 'measures_concern' END, count(*)
  FROM measurement_quarterstate s JOIN measurement_measure m ON m.id = s.measure_id
  JOIN projects_project p ON p.id = m.project_id JOIN regions_region r ON r.id = p.lead_region_id
  WHERE s.variation IN ('special_cause_improvement', 'special_cause_concern')
    AND left(s.financial_year, 4)::int = ANY(%(years)s::int[])
    AND s.quarter = ANY(%(quarters)s::int[])
  GROUP BY GROUPING SETS ((2, 3, 4), (r.slug, 2, 3, 4))
)
SELECT coalesce(slug, 'national'), y, q, metric, value FROM figures WHERE value <> 0
"""
BASELINE_METRICS = (
    "staff_trained.total",
    "patients_trained",
    "champions_recruited.total",
    "culture_assessments",
    "organisations_engaged.total",
    "projects_started",
    "projects_completed",
    "projects_active",
    "measures_improving",
    "measures_concern",
)


def totals_parameters(years: list[str], quarters=(0, 1, 2, 3, 4)) -> dict:
    return {"years": [int(year[:4]) for year in years], "quarters": list(quarters)}


def sql_totals(years: list[str]) -> set[tuple]:
    from django.db import connection

    from core.fiscal import year_named

    with connection.cursor() as cursor:
        cursor.execute(TOTALS_SQL, totals_parameters(years))
        return {
            (scope, year_named(y), q, metric, float(value))
            for scope, y, q, metric, value in cursor.fetchall()
        }


def stored_totals(years: list[str]) -> set[tuple]:
    from reporting.models import RollupFigure

    return set(
        RollupFigure.objects.filter(
            financial_year__in=years, metric__in=BASELINE_METRICS
        ).values_list("scope", "financial_year", "quarter", "metric", "value")
    )


def full_rollup() -> tuple[list[Row], str]:
    from reporting.rollups.service import recorded_years, rollup_full

    years = recorded_years()
    app = median_runs([(timed(rollup_full),) for _ in range(RUNS)])[0]
    baseline = median_runs([(timed(sql_totals, years),) for _ in range(RUNS)])[0]
    same = sql_totals(years) == stored_totals(years)
    row = Row(
        "Full rollup rebuild (every scope, year and quarter)",
        seconds(app),
        seconds(baseline),
        ratio(app, baseline),
        "≤ 10 s",
        check(app <= 10),
    )
    return [row], "the same" if same else "**not the same** (a bug in one or the other)"


def weekly_batch(measures, due: date) -> float:
    """One week's values for each measure, saved as a team would (with its history rows)."""
    from measurement.services.data import data_points_upsert

    started = time.perf_counter()
    for measure in measures:
        data_points_upsert(by=measure.entering_user, measure=measure, rows=[entry(measure, due)])
    return time.perf_counter() - started


def incremental_rollup(sample: int, due: date) -> list[Row]:
    from core.fiscal import financial_year
    from measurement.services.refresh import refresh_stale_measures
    from reporting.rollups.service import rollup_incremental

    runs = []
    for run in range(RUNS):
        measures = entry_measures(sample, offset=run, due=due)
        with no_enqueueing():
            written = weekly_batch(measures, due)
        refreshed = timed(refresh_stale_measures)
        rolled = timed(rollup_incremental)
        runs.append((rolled, refreshed, written, timed(sql_totals, [financial_year(due)])))
    rolled, refreshed, written, baseline = median_runs(runs)
    return [
        Row(
            f"Incremental rollup after one week's batch ({sample:,} measures)",
            seconds(rolled),
            seconds(baseline),
            ratio(rolled, baseline),
            "≤ 1 s",
            check(rolled <= 1),
        ),
        Row("…re-analysing the batch's measures first (the refresh tasks)", seconds(refreshed)),
        Row("…saving the batch (`data_points_upsert` per measure)", seconds(written)),
    ]
