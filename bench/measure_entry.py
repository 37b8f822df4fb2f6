"""Data-entry saves and entry-to-dashboard freshness, with a real worker running."""

from __future__ import annotations

import time
from datetime import date

from harness import RUNS, Row, Sizes, check, median_runs, pair, percentiles, ratio, seconds, timed

# Data entry and freshness ---------------------------------------------------------------------


def entry_measures(count: int, offset: int, due: date) -> list:
    """`count` measures with weekly values spread over the whole set (a different spread for
    each offset), each with its project lead as the person entering."""
    from measurement.models import Measure
    from projects.models import ProjectMember

    ids = list(
        Measure.objects.exclude(data_type="events").order_by("id").values_list("id", flat=True)
    )
    stride = max(1, len(ids) // max(1, count))
    chosen = ids[offset % stride :: stride][:count]
    measures = list(Measure.objects.filter(id__in=chosen).select_related("project__lead_region"))
    leads = dict(
        ProjectMember.objects.filter(
            project__in={m.project_id for m in measures}, role="lead"
        ).values_list("project_id", "user")
    )
    users = {user.pk: user for user in _users(set(leads.values()))}
    for measure in measures:
        measure.entering_user = users[leads[measure.project_id]]
    return measures


def _users(ids: set[int]):
    from regions.models import User

    return User.objects.filter(pk__in=ids)


def entry(measure, due: date) -> dict:
    """A plausible value for the week, different every time so every save changes something."""
    import random

    if measure.data_type in ("proportion", "rate"):
        denominator = random.randint(20, 400)
        return {
            "period": due,
            "numerator": random.randint(0, denominator),
            "denominator": denominator,
        }
    return {"period": due, "value": round(random.uniform(1, 60), 1)}


UPSERT_SQL = """
INSERT INTO measurement_datapoint (measure_id, period, value, numerator, denominator,
                                   entered_by_id, updated_at)
VALUES (%s, %s, %s, %s, %s, %s, now())
ON CONFLICT (measure_id, period) DO UPDATE SET value = EXCLUDED.value,
  numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
  entered_by_id = EXCLUDED.entered_by_id, updated_at = EXCLUDED.updated_at
"""


def sql_upsert(measure, due: date) -> None:
    from django.db import connection, transaction

    row = entry(measure, due)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            UPSERT_SQL,
            [
                measure.pk,
                due,
                row.get("value"),
                row.get("numerator"),
                row.get("denominator"),
                measure.entering_user.pk,
            ],
        )


def saves(sizes: Sizes, due: date) -> list[Row]:
    from measurement.services.data import data_points_upsert

    runs = []
    for run in range(RUNS):
        app = [
            timed(data_points_upsert, by=m.entering_user, measure=m, rows=[entry(m, due)])
            for m in entry_measures(sizes.saves, offset=10 + run, due=due)
        ]
        baseline = [
            timed(sql_upsert, m, due) for m in entry_measures(sizes.saves, offset=20 + run, due=due)
        ]
        runs.append((*percentiles(app), *percentiles(baseline)))
    app50, app95, base50, base95 = median_runs(runs)
    return [
        Row(
            "Data-entry save, one week of one measure, p50 / p95 (worker running)",
            pair(app50, app95),
            pair(base50, base95),
            ratio(app95, base95),
        )
    ]


def _training_figure(year: str) -> float | None:
    from reporting.models import RollupFigure

    return (
        RollupFigure.objects.filter(
            scope="national", financial_year=year, quarter=0, metric="staff_trained.total"
        )
        .values_list("value", flat=True)
        .first()
    )


def freshness(sizes: Sizes) -> list[Row]:
    """Change a training record as a lead would, then poll the stored national figure (what
    the dashboard reads) until it shows the change; the worker does the rest."""
    from django.db import transaction

    from core.fiscal import financial_year
    from regions.models import TrainingRecord

    record = TrainingRecord.objects.order_by("-date", "id").first()
    year = financial_year(record.date)
    runs = []
    for _ in range(RUNS):
        samples = []
        for _ in range(sizes.changes):
            expected = (_training_figure(year) or 0) + 1
            started = time.perf_counter()
            with transaction.atomic():
                record.people_trained += 1
                record.save()
            while _training_figure(year) != expected:
                if time.perf_counter() - started > 120:
                    raise RuntimeError("The national figure never showed the change")
                time.sleep(0.01)
            samples.append(time.perf_counter() - started)
        runs.append(percentiles(samples))
    p50, high = median_runs(runs)
    return [
        Row(
            "Entry-to-dashboard freshness, p50 / p95 (a training record changed, Celery "
            "worker on Redis)",
            pair(p50, high, seconds),
            target="p95 ≤ 5 s",
            met=check(high <= 5),
        )
    ]
