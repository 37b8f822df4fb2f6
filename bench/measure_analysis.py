"""SPC analysis throughput and chart rendering beside plain pandas and matplotlib."""

from __future__ import annotations

import os
import statistics

from harness import (
    REFRESH_SAMPLE,
    RUNS,
    Row,
    Sizes,
    check,
    median_runs,
    pair,
    percentiles,
    ratio,
    timed,
)

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

    observations = [
        spc.Observation(period=p, value=v, numerator=n, denominator=d) for p, v, n, d in rows
    ]
    spc.analyse(settings_for(measure, measure.rebases.all()), observations=observations)


def _each(function, arguments: list[tuple]) -> None:
    for args in arguments:
        function(*args)


def _pool_process_ready(ready) -> None:
    import django

    django.setup()
    ready.wait()


def refresh_style(ids: list[int]) -> None:
    """For the process pool: read, analyse and store readings as a refresh task does."""
    from measurement.services.refresh import refresh_measures

    refresh_measures(ids)


def _series(chunk: list[int]) -> list[tuple]:
    """(measure, its rows) for each measure of the chunk, read from the database."""
    from collections import defaultdict

    from measurement.models import DataPoint, Measure

    series = defaultdict(list)
    for measure_id, *row in (
        DataPoint.objects.filter(measure_id__in=chunk)
        .order_by("measure_id", "period")
        .values_list("measure_id", "period", "value", "numerator", "denominator")
    ):
        series[measure_id].append(tuple(row))
    measures = Measure.objects.filter(id__in=chunk).prefetch_related("rebases")
    return [(measure, series[measure.pk]) for measure in measures]


def spc_throughput(sizes: Sizes) -> list[Row]:
    from measurement.models import Measure

    ids = list(
        Measure.objects.exclude(data_type="events").order_by("id").values_list("id", flat=True)
    )
    if sizes.spc_measures:
        ids = ids[:: max(1, len(ids) // sizes.spc_measures)][: sizes.spc_measures]
    app, baseline = [0.0] * RUNS, [0.0] * RUNS
    for start in range(0, len(ids), 1000):
        measures = _series(ids[start : start + 1000])
        for run in range(RUNS):
            app[run] += timed(_each, app_analysis, measures)
            baseline[run] += timed(_each, pandas_xmr, [(rows,) for _, rows in measures])
    rates = [len(ids) / statistics.median(times) for times in (app, baseline)]
    return [
        Row(
            f"SPC analysis throughput, series/s ({len(ids):,} measures read from the "
            "database), one process",
            f"{rates[0]:,.0f}",
            f"{rates[1]:,.0f}",
            ratio(rates[0], rates[1]),
            "≥ 1,000 series/s",
            check(rates[0] >= 1000),
        ),
        refresh_throughput(ids),
    ]


def _as_if_a_new_week_came(ids: list[int]) -> None:
    """Each measure stale from its latest period, as after its week's value arrives."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE measurement_measure m SET data_version = data_version + 1,
              stale_from = (SELECT max(period) FROM measurement_datapoint p
                            WHERE p.measure_id = m.id)
            WHERE m.id = ANY(%s)
            """,
            [ids],
        )


def refresh_throughput(ids: list[int]) -> Row:
    """Reading, analysing and storing measures' readings in a pool of one process per core, as
    the worker's prefork pool runs refresh tasks (a sample of at most REFRESH_SAMPLE measures)."""
    import multiprocessing

    sample = ids[:: max(1, len(ids) // REFRESH_SAMPLE)][:REFRESH_SAMPLE]
    cores = os.cpu_count() or 1
    batches = [sample[n : n + 100] for n in range(0, len(sample), 100)]
    times = []
    # Spawned, not forked: a forked child inherits this process's broker sockets, and kombu's
    # after-fork clean-up can block reading one for ever (CI hung there).
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(cores + 1)
    with context.Pool(cores, initializer=_pool_process_ready, initargs=(ready,)) as pool:
        ready.wait()  # Django set up in every process before the clock starts
        for _ in range(RUNS):
            _as_if_a_new_week_came(sample)  # a refresh leaves current measures alone
            times.append(timed(pool.map, refresh_style, batches))
    rate = len(sample) / statistics.median(times)
    return Row(
        f"…read, analysed and stored as refresh tasks do (batches of 100), {cores} cores "
        f"({len(sample):,} measures)",
        f"{rate:,.0f}",
        target="≥ 1,000 series/s",
        met=check(rate >= 1000),
    )


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
    xmr = list(
        candidates.filter(chart="xmr", rules="mdc", target__isnull=False).order_by("id")[:count]
    )
    return xmr + list(
        candidates.exclude(pk__in=[m.pk for m in xmr]).order_by("id")[: count - len(xmr)]
    )


def charts(sizes: Sizes) -> list[Row]:
    from django.core.cache import cache

    from measurement.charting import chart_image, chart_key
    from measurement.models import DataPoint

    measures = chart_measures(sizes.charts * RUNS)
    figures = {fmt: [] for fmt in ("svg", "png")}
    for run in range(RUNS):
        for fmt in figures:
            timings = {"uncached": [], "cached": [], "plain": [], "get": []}
            for measure in measures[run::RUNS]:
                values = [
                    v if v is not None else n / d
                    for v, n, d in DataPoint.objects.filter(measure=measure).values_list(
                        "value", "numerator", "denominator"
                    )
                ]
                key = chart_key(measure, fmt)
                cache.delete(key)  # uncached even when an earlier run (--reuse) drew it
                timings["uncached"].append(timed(chart_image, measure, fmt))
                timings["cached"].append(timed(chart_image, measure, fmt))
                timings["plain"].append(timed(plain_chart, values, fmt))
                timings["get"].append(timed(cache.get, key))
            figures[fmt].append(tuple(f for name in timings for f in percentiles(timings[name])))
    points = DataPoint.objects.filter(measure=measures[0]).count()
    rows = []
    for fmt, runs in figures.items():
        u50, u95, c50, c95, p50, p95_, g50, g95 = median_runs(runs)
        uncached_target = "≤ 60 ms" if fmt == "svg" else "—"
        rows += [
            Row(
                f"{points}-point chart, {fmt.upper()}, uncached, p50 / p95 (read, analyse, "
                "draw, store)",
                pair(u50, u95),
                pair(p50, p95_),
                ratio(u95, p95_),
                uncached_target,
                check(u95 <= 0.060) if fmt == "svg" else "",
            ),
            Row(
                f"{points}-point chart, {fmt.upper()}, cached, p50 / p95 (Redis)",
                pair(c50, c95),
                pair(g50, g95),
                ratio(c95, g95),
                "≤ 5 ms",
                check(c95 <= 0.005),
            ),
        ]
    return rows
