"""The benchmark `make bench` runs: one table of the app's figures against a baseline measured on
the same machine in the same run, each the median of 3 runs, written to docs/benchmarks.md.

    python bench/run.py                  # national scale (about 20 minutes on 2 cores)
    python bench/run.py --scale small    # the CI-sized dataset, full sample sizes
    python bench/run.py --smoke          # small dataset, small samples: about a minute

It drops and re-creates the PostgreSQL database `psc_bench` (never any other), migrates it, fills
it with `generate_scale_data`, and owns Redis databases 9 (broker) and 10 (cache), which it
empties. A real Celery worker runs for the freshness and data-entry measurements.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # the project, and the other bench scripts
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "psc_bench"
BROKER, CACHE = "redis://127.0.0.1:6379/9", "redis://127.0.0.1:6379/10"
RUNS = 3
MB = 1024 * 1024
REFRESH_SAMPLE = 10_000


@dataclass
class Row:
    name: str
    app: str
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: str = ""


@dataclass
class Sizes:
    requests: int  # page requests per run
    charts: int  # charts per run and format
    saves: int  # data-entry saves per run
    changes: int  # freshness changes per run
    spc_measures: int | None  # None: every measure with weekly values


FULL = Sizes(requests=20, charts=15, saves=20, changes=20, spc_measures=None)
SMOKE = Sizes(requests=5, charts=3, saves=5, changes=3, spc_measures=None)


def configure(database: str) -> None:
    os.environ.update(DATABASE_URL=f"{SERVER}/{database}", CELERY_BROKER_URL=BROKER,
                      REDIS_URL=CACHE, DJANGO_SETTINGS_MODULE="psc.settings")


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        server.execute(f"CREATE DATABASE {DATABASE}")
    import redis

    for url in (BROKER, CACHE):
        redis.Redis.from_url(url).flushdb()


def manage(*args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args, "--skip-checks"], cwd=ROOT,
                            check=True, capture_output=True, text=True)
    return result.stdout


# Figures ------------------------------------------------------------------------------------

def p95(values: list[float]) -> float:
    from chart_bench import p95 as chart_p95

    return chart_p95(values) if len(values) > 1 else values[0]


def percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), p95(samples)


def median_runs(runs: list[tuple[float, ...]]) -> tuple[float, ...]:
    """The median of each figure over the runs."""
    return tuple(statistics.median(figures) for figures in zip(*runs, strict=True))


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def pair(p50: float, high: float, unit=ms) -> str:
    return f"{unit(p50)} / {unit(high)}"


def ratio(app: float, baseline: float) -> str:
    return f"{app / baseline:.1f}×" if baseline else "—"


def check(ok: bool) -> str:
    return "yes" if ok else "**no**"


def timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


# Memory --------------------------------------------------------------------------------------

def _status(pid: int, field: str) -> int:
    """A /proc/<pid>/status figure in bytes (0 once the process has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return children + [d for child in children for d in _descendants(child)]


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and its children twice a second; keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.largest, self.running = pid, 0, 0, True

    def run(self) -> None:
        while self.running:
            sizes = [_status(p, "VmRSS") for p in [self.pid, *_descendants(self.pid)]]
            self.peak, self.largest = max(self.peak, sum(sizes)), max(self.largest, *sizes)
            time.sleep(0.5)


# The worker ----------------------------------------------------------------------------------

@contextmanager
def celery_worker():
    from psc.celery import app

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "psc", "worker", "--loglevel=warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    memory = TreeMemory(worker.pid)
    memory.start()
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError("The Celery worker did not start")
        yield memory
    finally:
        memory.running = False
        worker.terminate()
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_until_settled(limit: float = 300) -> None:
    """Until the worker has caught up: no pending marks and no measure awaiting analysis."""
    from django.db.models import F

    from measurement.models import Measure
    from regions.models import PendingRollup

    deadline = time.monotonic() + limit
    while PendingRollup.objects.exists() or Measure.objects.filter(
            data_version__gt=F("analysed_version")).exists():
        if time.monotonic() > deadline:
            raise RuntimeError("The worker did not catch up")
        time.sleep(0.2)


@contextmanager
def no_enqueueing():
    """Changes mark their rollups pending as usual, but no task is sent: the benchmark runs the
    refresh and the incremental rollup itself, so it can time them."""
    from unittest import mock

    from celery.app.task import Task

    with mock.patch.object(Task, "apply_async", lambda *args, **kwargs: None):
        yield


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
  FROM unnest(%(years)s::int[]) AS y CROSS JOIN generate_series(0, 4) AS q
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
  GROUP BY GROUPING SETS ((2, 3, 4), (r.slug, 2, 3, 4))
)
SELECT coalesce(slug, 'national'), y, q, metric, value FROM figures WHERE value <> 0
"""
BASELINE_METRICS = ("staff_trained.total", "patients_trained", "champions_recruited.total",
                    "culture_assessments", "organisations_engaged.total", "projects_started",
                    "projects_completed", "projects_active", "measures_improving",
                    "measures_concern")


def sql_totals(years: list[str]) -> set[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(TOTALS_SQL, {"years": [int(year[:4]) for year in years]})
        return {(scope, f"{y}-{(y + 1) % 100:02d}", q, metric, float(value))
                for scope, y, q, metric, value in cursor.fetchall()}


def stored_totals(years: list[str]) -> set[tuple]:
    from regions.models import RollupFigure

    return set(RollupFigure.objects.filter(financial_year__in=years, metric__in=BASELINE_METRICS)
               .values_list("scope", "financial_year", "quarter", "metric", "value"))


def full_rollup() -> tuple[list[Row], str]:
    from regions.rollups.service import recorded_years, rollup_full

    years = recorded_years()
    app = median_runs([(timed(rollup_full),) for _ in range(RUNS)])[0]
    baseline = median_runs([(timed(sql_totals, years),) for _ in range(RUNS)])[0]
    same = sql_totals(years) == stored_totals(years)
    row = Row("Full rollup rebuild (every scope, year and quarter)", seconds(app),
              seconds(baseline), ratio(app, baseline), "≤ 10 s", check(app <= 10))
    return [row], "the same" if same else "**not the same** (a bug in one or the other)"


def weekly_batch(measures, due: date) -> float:
    """One week's values for each measure, saved as a team would (with its history rows)."""
    from measurement.services.data import data_points_upsert

    started = time.perf_counter()
    for measure in measures:
        data_points_upsert(by=measure.entering_user, measure=measure, rows=[entry(measure, due)])
    return time.perf_counter() - started


def incremental_rollup(sample: int, due: date) -> list[Row]:
    from measurement.services.refresh import refresh_stale_measures
    from projects.fiscal import financial_year
    from regions.rollups.service import rollup_incremental

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
        Row(f"Incremental rollup after one week's batch ({sample:,} measures)", seconds(rolled),
            seconds(baseline), ratio(rolled, baseline), "≤ 1 s", check(rolled <= 1)),
        Row("…re-analysing the batch's measures first (the refresh tasks)", seconds(refreshed)),
        Row("…saving the batch (`data_points_upsert` per measure)", seconds(written)),
    ]


# Data entry and freshness ---------------------------------------------------------------------

def entry_measures(count: int, offset: int, due: date) -> list:
    """`count` measures with weekly values spread over the whole set (a different spread for
    each offset), each with its project lead as the person entering."""
    from measurement.models import Measure
    from projects.models import ProjectMember

    ids = list(Measure.objects.exclude(data_type="events").order_by("id")
               .values_list("id", flat=True))
    stride = max(1, len(ids) // max(1, count))
    chosen = ids[offset % stride::stride][:count]
    measures = list(Measure.objects.filter(id__in=chosen).select_related("project__lead_region"))
    leads = dict(ProjectMember.objects.filter(project__in={m.project_id for m in measures},
                                              role="lead").values_list("project_id", "user"))
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
        return {"period": due, "numerator": random.randint(0, denominator),
                "denominator": denominator}
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
        cursor.execute(UPSERT_SQL, [measure.pk, due, row.get("value"), row.get("numerator"),
                                    row.get("denominator"), measure.entering_user.pk])


def saves(sizes: Sizes, due: date) -> list[Row]:
    from measurement.services.data import data_points_upsert

    runs = []
    for run in range(RUNS):
        app = [timed(data_points_upsert, by=m.entering_user, measure=m, rows=[entry(m, due)])
               for m in entry_measures(sizes.saves, offset=10 + run, due=due)]
        baseline = [timed(sql_upsert, m, due)
                    for m in entry_measures(sizes.saves, offset=20 + run, due=due)]
        runs.append((*percentiles(app), *percentiles(baseline)))
    app50, app95, base50, base95 = median_runs(runs)
    return [Row("Data-entry save, one week of one measure, p50 / p95 (worker running)",
                pair(app50, app95), pair(base50, base95), ratio(app95, base95))]


def _training_figure(year: str) -> float | None:
    from regions.models import RollupFigure

    return RollupFigure.objects.filter(scope="national", financial_year=year, quarter=0,
                                       metric="staff_trained.total").values_list(
        "value", flat=True).first()


def freshness(sizes: Sizes) -> list[Row]:
    """Change a training record as a lead would, then poll the stored national figure (what
    the dashboard reads) until it shows the change; the worker does the rest."""
    from django.db import transaction

    from projects.fiscal import financial_year
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
    return [Row("Entry-to-dashboard freshness, p50 / p95 (a training record changed, Celery "
                "worker on Redis)", pair(p50, high, seconds), target="p95 ≤ 5 s",
                met=check(high <= 5))]



# SPC ------------------------------------------------------------------------------------------

def pandas_xmr(rows: list[tuple]) -> tuple:
    """The baseline: a straightforward XmR chart in pandas (centre, moving range, limits,
    points outside them, and a shift of 8 points on one side of the centre)."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["period", "value", "numerator", "denominator"])
    values = frame["value"].fillna(frame["numerator"] / frame["denominator"])
    centre = values.mean()
    moving_range = values.diff().abs().mean()
    upper, lower = centre + 2.66 * moving_range, centre - 2.66 * moving_range
    outside = (values > upper) | (values < lower)
    side = np.sign(values - centre)
    run_lengths = side.groupby((side != side.shift()).cumsum()).transform("size")
    shift = (run_lengths >= 8) & (side != 0)
    return centre, upper, lower, bool(outside.any()), bool(shift.any())


def app_analysis(measure, rows: list[tuple]) -> None:
    """What `analyse_measure` does once the rows are read: the application's analysis."""
    from measurement import spc
    from measurement.analysis import settings_for

    observations = [spc.Observation(period=p, value=v, numerator=n, denominator=d)
                    for p, v, n, d in rows]
    spc.analyse(settings_for(measure, measure.rebases.all()), observations=observations)


def _each(function, arguments: list[tuple]) -> None:
    for args in arguments:
        function(*args)


def refresh_style(ids: list[int]) -> None:
    """For the process pool: read each measure and analyse it, as a refresh task does."""
    from measurement.analysis import analyse_measure
    from measurement.models import Measure

    for measure in Measure.objects.filter(id__in=ids):
        analyse_measure(measure)


def _series(chunk: list[int]) -> list[tuple]:
    """(measure, its rows) for each measure of the chunk, read from the database."""
    from collections import defaultdict

    from measurement.models import DataPoint, Measure

    series = defaultdict(list)
    for measure_id, *row in DataPoint.objects.filter(measure_id__in=chunk).order_by(
            "measure_id", "period").values_list("measure_id", "period", "value", "numerator",
                                                "denominator"):
        series[measure_id].append(tuple(row))
    measures = Measure.objects.filter(id__in=chunk).prefetch_related("rebases")
    return [(measure, series[measure.pk]) for measure in measures]


def spc_throughput(sizes: Sizes) -> list[Row]:
    from measurement.models import Measure

    ids = list(Measure.objects.exclude(data_type="events").order_by("id")
               .values_list("id", flat=True))
    if sizes.spc_measures:
        ids = ids[::max(1, len(ids) // sizes.spc_measures)][:sizes.spc_measures]
    app, baseline = [0.0] * RUNS, [0.0] * RUNS
    for start in range(0, len(ids), 1000):
        measures = _series(ids[start:start + 1000])
        for run in range(RUNS):
            app[run] += timed(_each, app_analysis, measures)
            baseline[run] += timed(_each, pandas_xmr, [(rows,) for _, rows in measures])
    rates = [len(ids) / statistics.median(times) for times in (app, baseline)]
    return [
        Row(f"SPC analysis throughput, series/s ({len(ids):,} measures read from the "
            "database), one process", f"{rates[0]:,.0f}", f"{rates[1]:,.0f}",
            ratio(rates[0], rates[1]), "≥ 1,000 series/s", check(rates[0] >= 1000)),
        refresh_throughput(ids),
    ]


def refresh_throughput(ids: list[int]) -> Row:
    """Reading and analysing measures in a pool of one process per core, as the worker's
    prefork pool runs refresh tasks (a sample of at most REFRESH_SAMPLE measures)."""
    import multiprocessing

    from django.db import connection

    sample = ids[::max(1, len(ids) // REFRESH_SAMPLE)][:REFRESH_SAMPLE]
    cores = os.cpu_count() or 1
    batches = [sample[n:n + 100] for n in range(0, len(sample), 100)]
    connection.close()  # each process opens its own
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        rate = len(sample) / statistics.median(
            [timed(pool.map, refresh_style, batches) for _ in range(RUNS)])
    return Row(f"…read and analysed as refresh tasks do, on all {cores} cores "
               f"({len(sample):,} measures)", f"{rate:,.0f}", target="≥ 1,000 series/s",
               met=check(rate >= 1000))


# Charts ---------------------------------------------------------------------------------------

def plain_chart(values, image_format: str) -> bytes:
    """The baseline: a bare matplotlib line with centre and limits, no accessibility text."""
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from measurement.charts.style import PNG_DPI

    values = np.asarray(values, dtype=float)
    centre, spread = values.mean(), 2.66 * np.abs(np.diff(values)).mean()
    figure = Figure(figsize=(8, 4))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot(values, marker="o", markersize=3)
    for level in (centre, centre - spread, centre + spread):
        axes.axhline(level, linestyle="--")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=PNG_DPI)
    return buffer.getvalue()


def chart_measures(count: int) -> list:
    from measurement.models import Measure

    candidates = Measure.objects.exclude(data_type="events").select_related("project")
    xmr = list(candidates.filter(chart="xmr", rules="mdc", target__isnull=False)
               .order_by("id")[:count])
    return xmr + list(candidates.exclude(pk__in=[m.pk for m in xmr])
                      .order_by("id")[:count - len(xmr)])


def charts(sizes: Sizes) -> list[Row]:
    from django.core.cache import cache

    from measurement.charting import _key, chart_image, pdsa_markers
    from measurement.models import DataPoint

    measures = chart_measures(sizes.charts * RUNS)
    figures = {fmt: [] for fmt in ("svg", "png")}
    for run in range(RUNS):
        for fmt in figures:
            timings = {"uncached": [], "cached": [], "plain": [], "get": []}
            for measure in measures[run::RUNS]:
                values = [v if v is not None else n / d for v, n, d in DataPoint.objects.filter(
                    measure=measure).values_list("value", "numerator", "denominator")]
                timings["uncached"].append(timed(chart_image, measure, fmt))
                timings["cached"].append(timed(chart_image, measure, fmt))
                timings["plain"].append(timed(plain_chart, values, fmt))
                key = _key(measure, pdsa_markers(measure), fmt)
                timings["get"].append(timed(cache.get, key))
            figures[fmt].append(tuple(f for name in timings for f in percentiles(timings[name])))
    points = DataPoint.objects.filter(measure=measures[0]).count()
    rows = []
    for fmt, runs in figures.items():
        u50, u95, c50, c95, p50, p95_, g50, g95 = median_runs(runs)
        uncached_target = "≤ 60 ms" if fmt == "svg" else "—"
        rows += [
            Row(f"{points}-point chart, {fmt.upper()}, uncached, p50 / p95 (read, analyse, "
                "draw, store)", pair(u50, u95), pair(p50, p95_), ratio(u95, p95_),
                uncached_target, check(u95 <= 0.060) if fmt == "svg" else ""),
            Row(f"{points}-point chart, {fmt.upper()}, cached, p50 / p95 (Redis)",
                pair(c50, c95), pair(g50, g95), ratio(c95, g95), "≤ 5 ms", check(c95 <= 0.005)),
        ]
    return rows


# Pages ----------------------------------------------------------------------------------------

PORTFOLIO_SQL = """
SELECT p.id, p.title, r.name, p.status, p.progress_score, p.start_date,
       (SELECT count(*) FROM projects_pdsacycle c WHERE c.project_id = p.id),
       (SELECT c.decision FROM projects_pdsacycle c WHERE c.project_id = p.id
        ORDER BY c.start_date DESC, c.id DESC LIMIT 1),
       count(*) OVER ()
FROM projects_project p JOIN regions_region r ON r.id = p.lead_region_id
ORDER BY p.start_date DESC, p.title, p.id LIMIT 25
"""


def sql_portfolio() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(PORTFOLIO_SQL)
        cursor.fetchall()


def portfolio(sizes: Sizes) -> list[Row]:
    from django.test import Client
    from django.urls import reverse
    from portfolio_bench import SCENARIOS
    from portfolio_bench import measure as page_timings

    from regions.models import User

    client = Client()
    client.force_login(User.objects.get(username="scale.national"))
    rows = []
    for name, url_name, query in SCENARIOS[:2]:
        runs = []
        for _ in range(RUNS):
            median, high, _, _ = page_timings(client, reverse(url_name), query, sizes.requests)
            baseline = [timed(sql_portfolio) for _ in range(sizes.requests)]
            runs.append((median / 1000, high / 1000, *percentiles(baseline)))
        app50, app95, base50, base95 = median_runs(runs)
        rows.append(Row(f"Portfolio page, {name}, p50 / p95 (national viewer)",
                        pair(app50, app95), pair(base50, base95), ratio(app95, base95),
                        "p95 ≤ 200 ms", check(app95 <= 0.2)))
    return rows


# The run --------------------------------------------------------------------------------------

PLACEHOLDERS = [Row("Dashboard p95 at 100 concurrent users", "not measured yet",
                    target="p95 ≤ 200 ms"),
                Row("API ingest rows/s vs COPY", "not measured yet")]


def memory_rows(web_peak: int, worker) -> list[Row]:
    total = web_peak + worker.peak
    return [
        Row("Memory: web process, peak RSS (this process, after pages, charts and saves)",
            f"{web_peak / MB:,.0f} MB", target="≤ 250 MB", met=check(web_peak <= 250 * MB)),
        Row("Memory: Celery worker, peak RSS of all its processes (largest one)",
            f"{worker.peak / MB:,.0f} MB ({worker.largest / MB:,.0f} MB)"),
        Row("Memory: all app processes (web + worker peaks)", f"{total / MB:,.0f} MB",
            target="≤ 1 GB", met=check(total <= 1024 * MB)),
    ]


def due_week() -> date:
    """The week just completed: the generator leaves it empty for the data entry below."""
    from django.utils import timezone

    from measurement.periods import WEEKLY, last_complete_period

    return last_complete_period(timezone.localdate(), WEEKLY)


def measure_all(sizes: Sizes, batch_share: float) -> tuple[list[Row], dict]:
    from measurement.models import Measure

    due, notes = due_week(), {}
    rows = {"portfolio": portfolio(sizes), "charts": charts(sizes)}
    with celery_worker() as worker:
        rows["saves"] = saves(sizes, due)
        wait_until_settled()
        rows["freshness"] = freshness(sizes)
        wait_until_settled()
    web_peak = _status(os.getpid(), "VmHWM")
    sample = max(1, round(Measure.objects.exclude(data_type="events").count() * batch_share))
    rows["incremental"] = incremental_rollup(sample, due)
    rows["full"], notes["baseline_agrees"] = full_rollup()
    rows["spc"] = spc_throughput(sizes)
    ordered = (rows["full"] + rows["incremental"] + rows["freshness"] + rows["spc"]
               + rows["charts"] + rows["portfolio"] + rows["saves"] + PLACEHOLDERS
               + memory_rows(web_peak, worker))
    return ordered, notes


def generate(scale: str) -> dict:
    import resource

    started = time.perf_counter()
    output = manage("generate_scale_data", "--scale", scale)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"seconds": elapsed, "output": output.strip(), "peak": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "national"], default="national")
    parser.add_argument("--smoke", action="store_true",
                        help="The small dataset and small samples, in about a minute.")
    parser.add_argument("--reuse", action="store_true",
                        help="Measure the psc_bench database as it is (no drop or generate).")
    parser.add_argument("--output", type=Path,
                        help="Where to write the report (default: docs/benchmarks.md, or "
                             "nothing for --smoke).")
    args = parser.parse_args()
    scale = "small" if args.smoke else args.scale
    sizes = SMOKE if args.smoke else FULL
    configure(DATABASE)
    started = time.perf_counter()
    generation = {}
    if not args.reuse:
        recreate_database()
        manage("migrate", "--noinput")
        generation = generate(scale)
        print(generation["output"])
    load = load_average()
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # as in production: no query log kept
    measuring = time.perf_counter()
    rows, notes = measure_all(sizes, batch_share=0.01)
    measured = time.perf_counter() - measuring
    table = markdown_table(rows)
    print(table)
    print(f"Measured in {measured:.0f} s; {time.perf_counter() - started:.0f} s in all.")
    if args.smoke and measured > 60:
        print(f"Over the smoke run's one-minute budget ({measured:.0f} s).")
    output = args.output or (None if args.smoke else ROOT / "docs" / "benchmarks.md")
    if output:
        notes["load"] = load
        output.write_text(report(scale, args.smoke, table, generation, notes, measured))
        print(f"Written to {output}")
    return 0


def markdown_table(rows: list[Row]) -> str:
    lines = ["| Measurement | App | Baseline | Ratio (app ÷ baseline) | Target | Met |",
             "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {r.name} | {r.app} | {r.baseline} | {r.ratio} | {r.target} | {r.met} |"
              for r in rows]
    return "\n".join(lines)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine(load_at_start: str) -> dict[str, str]:
    import platform
    from importlib.metadata import version

    import redis
    from django.db import connection

    memory = next(line for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return {
        "Cores (nproc)": str(os.cpu_count()),
        "Memory": f"{int(memory.split()[1]) / 1024 / 1024:.1f} GiB",
        "CPU": cpu,
        "System": platform.platform(),
        "Python": platform.python_version(),
        "Django": version("Django"),
        "PostgreSQL": postgres,
        "Redis": redis.Redis.from_url(BROKER).info("server")["redis_version"],
        "numpy / pandas / matplotlib": " / ".join(
            version(name) for name in ("numpy", "pandas", "matplotlib")),
        "Commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "Load average at the start and end (1, 5, 15 min; other work shares the machine)":
            f"{load_at_start} and {load_average()}",
    }


def database_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]


NOTES = """\
## What each row measures

Every figure is the median of {runs} runs; p50 / p95 figures are the medians of each run's p50 and
p95, and the ratio compares the p95s (or the rates).

- **Full rollup rebuild**: `rollup_full()`, every scope (England and the 15 regions), financial
  year and quarter. *Baseline*: one hand-written SQL statement (`TOTALS_SQL` in `bench/run.py`)
  computing the same headline totals (people and patients trained, champions, culture
  assessments, distinct organisations engaged, projects started, completed and active, measures
  improving and of concern) for every scope, year and quarter with `GROUPING SETS`. It leaves out
  the breakdowns by topic, setting and kind, and the harm estimate. Its result was
  {baseline_agrees} as the stored figures.
- **Incremental rollup**: one week's values for 1% of the measures saved through
  `data_points_upsert` (which marks each region's current year pending), then the refresh tasks
  that re-analyse those measures (timed on their own row, as the worker would run them), then
  `rollup_incremental()`. A new week moves a chart's centre line and runs, so the refreshes
  change the readings of past quarters too and mark most earlier years: the run recomputes
  nearly everything. *Baseline*: the same statement for the current financial year.
- **Freshness**: a training record changed through the ORM in a transaction (as a page does);
  the clock runs until the stored national figure (what the dashboard and API read) shows it, with
  a real `celery -A psc worker` on Redis doing the work.
- **SPC throughput**: the application's `analyse` on series read from the database (the reading
  is not timed), one process. *Baseline*: a straightforward per-series pandas XmR chart (mean,
  moving range, limits, points outside, 8-point shift). The app's analysis does much more: the
  chart each measure asks for (p, u, Laney, c, run), its rule set, phases, baselines and the
  Making Data Count point types. The next row reads and analyses a sample of measures in a pool
  of one process per core (`analyse_measure`, database reads included), as refresh tasks run.
- **Charts**: `measurement.charting.chart_image` for XmR (Making Data Count) measures with a
  target where there are enough of them. Uncached: read the points, analyse, draw, store in Redis;
  cached: the second call, a Redis hit (plus the query for the PDSA markers that key it).
  *Baselines*: a bare matplotlib line with three horizontal lines; a plain Redis GET of the bytes.
- **Portfolio page**: the Django test client signed in as a national viewer (every project
  visible), the first page and a filtered text search (`bench/portfolio_bench.py`'s scenarios).
  *Baseline*: one SQL statement selecting the first page's 25 rows with their cycle columns and
  the total count.
- **Data-entry save**: `data_points_upsert` of one week for one measure by its project lead,
  with the worker running (the save enqueues the measure's refresh and a rollup). *Baseline*: one
  `INSERT … ON CONFLICT DO UPDATE` of the same row, no history, no marks.
- **Memory**: this process's peak RSS after the page, chart and save measurements stands in for a
  web worker; the worker's figure sums its prefork processes (shared pages count in each, so the
  sum overstates it).
"""


def report(scale: str, smoke: bool, table: str, generation: dict, notes: dict,
           measured: float) -> str:
    from django.utils import timezone

    info = machine(notes["load"])
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench` (`bench/run.py{' --smoke' if smoke else ''}`) on "
        f"{timezone.now():%-d %B %Y}, at the **{scale}** scale"
        f"{' (a smoke run with small samples)' if smoke else ''}. Database: {database_size()}.",
        "", "| Machine | |", "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.items()), "",
    ]
    if generation:
        lines += ["## The dataset", "",
                  f"`generate_scale_data --scale {scale}` took {generation['seconds']:.0f} s "
                  f"(peak RSS of its largest process {generation['peak'] / MB:,.0f} MB):", "",
                  "```", generation["output"], "```", ""]
    lines += ["## Results", "", table, "", f"The measurements took {measured:.0f} s.", "",
              NOTES.format(runs=RUNS, baseline_agrees=notes.get("baseline_agrees", "—"))]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
