"""Time the pure SPC analysis of five years of weekly data.

Run from the project root:

    python bench/spc_bench.py [repetitions]        # each chart type alone, then the national mix
    python bench/spc_bench.py --database [--measures N]
        # as `make bench` measures it: series read from DATABASE_URL (the reading is not timed)

To time the analysis as it was before it was made faster, run this script in a checkout of
commit 7540bb1 (`git worktree add /tmp/before 7540bb1`), close in time to a run here.

The series are drawn by the scale generator (`demo.scale`) for every chart, rule set and
shape it makes, so they look like the national dataset's; the first mode needs no database.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

# Runnable as a plain script: make the project root importable.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from demo.scale import plans, readings  # noqa: E402
from demo.scale.series import draw  # noqa: E402
from measurement import spc  # noqa: E402
from measurement.spc import Event, Observation  # noqa: E402

WEEKS = 260
FIRST_MONDAY = date(2021, 11, 15)
SEED = 2016
MIX_SIZE = 1000


def make_plan(
    ordinal: int, chart: str, data_type: str, rules: str, shape: str, rng: random.Random
) -> plans.MeasurePlan:
    """A measure planned as the scale generator plans one, with the chart and shape chosen."""
    improvement = plans._improvement(plans.KINDS[ordinal % 3], data_type)
    level, size, spread = plans._levels(rng, chart, data_type)
    effect = plans._effect(rng, data_type, improvement)
    target = (
        plans._target(level, effect, data_type, spread)
        if improvement != "neither" and rng.random() < 0.35
        else None
    )
    change = None if shape == "stable" else rng.randint(40, WEEKS - 40)
    return plans.MeasurePlan(
        ordinal,
        ordinal,
        0,
        0,
        "bench",
        plans.KINDS[ordinal % 3],
        data_type,
        chart,
        rules,
        improvement,
        "",
        1.0,
        None,
        target,
        20 if rng.random() < 0.08 else None,
        None,
        shape,
        change,
        rng.randint(8, 30),
        effect,
        level,
        size,
        spread,
        0,
    )


def case(plan: plans.MeasurePlan) -> tuple:
    """(settings, observations, events) for `analyse`, as the generator stores the series."""
    series = draw(SEED, plan, FIRST_MONDAY, WEEKS)
    settings = readings.settings(plan, FIRST_MONDAY)
    if plan.data_type == "events":
        return settings, None, [Event(day, count) for day, count in series.events]
    weeks = readings.periods(FIRST_MONDAY, WEEKS)
    if series.value is not None:
        return (
            settings,
            [
                Observation(week, value=value)
                for week, value in zip(weeks, series.value.tolist(), strict=True)
            ],
            None,
        )
    return (
        settings,
        [
            Observation(week, numerator=n, denominator=d)
            for week, n, d in zip(
                weeks, series.numerator.tolist(), series.denominator.tolist(), strict=True
            )
        ],
        None,
    )


def chart_cases(per_chart: int = 8) -> dict[str, list[tuple]]:
    """Per chart and rule set: series of every shape (a rebased shift has a second phase)."""
    rng, cases, ordinal = random.Random(SEED), {}, 0
    for chart, data_type, rule_sets, _ in plans.CHART_MIX:
        for rules in sorted(set(rule_sets)):
            name = f"{chart}/{rules}/{data_type}"
            for n in range(per_chart):
                shape = plans.SHAPES[n % len(plans.SHAPES)][0]
                if data_type == "events" and shape == "rebased_shift":
                    shape = "shift"
                ordinal += 1
                plan = make_plan(ordinal, chart, data_type, rules, shape, rng)
                cases.setdefault(name, []).append(case(plan))
    return cases


def mix_cases(size: int = MIX_SIZE) -> list[tuple]:
    """Series in the national dataset's proportions of charts, rule sets and shapes."""
    rng = random.Random(SEED + 1)
    weights = [m[3] for m in plans.CHART_MIX]
    cases = []
    for ordinal in range(size):
        chart, data_type, rule_sets, _ = rng.choices(plans.CHART_MIX, weights)[0]
        shape = rng.choices([s for s, _ in plans.SHAPES], [w for _, w in plans.SHAPES])[0]
        if data_type == "events" and shape == "rebased_shift":
            shape = "shift"
        plan = make_plan(ordinal, chart, data_type, rng.choice(rule_sets), shape, rng)
        cases.append(case(plan))
    return cases


def analyse_all(cases: list[tuple]) -> None:
    for settings, observations, events in cases:
        spc.analyse(settings, observations=observations, events=events)


def rate(cases: list[tuple], repetitions: int) -> tuple[float, float]:
    """Series per second of elapsed and of CPU time: medians of `repetitions` passes. The CPU
    figure is steadier when other work shares the machine."""
    elapsed, cpu = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        analyse_all(cases)
        elapsed.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return len(cases) / statistics.median(elapsed), len(cases) / statistics.median(cpu)


def pure(repetitions: int, profile: bool) -> None:
    print(f"{WEEKS}-point weekly series, `analyse` only, median of {repetitions} passes")
    print(f"  {'chart/rules/data type':28} {'series/s':>9} {'(CPU time)':>11}")
    for name, cases in chart_cases().items():
        print(f"  {name:28} {_rates(rate(cases, repetitions))}")
    mix = mix_cases()
    print(f"  {'national mix':28} {_rates(rate(mix, max(3, repetitions // 5)))}")
    if profile:
        cProfile.runctx("analyse_all(mix)", globals(), {"mix": mix}, "/tmp/spc_bench.prof")
        pstats.Stats("/tmp/spc_bench.prof").sort_stats("tottime").print_stats(25)


def _rates(rates: tuple[float, float]) -> str:
    return f"{rates[0]:9,.0f} {rates[1]:11,.0f}"


def from_database(measures: int | None) -> None:
    """The `make bench` row, on DATABASE_URL: the same functions, any number of measures."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")
    import django

    django.setup()
    # make bench's own reading and analysis, never a copy that could drift from its figure.
    try:  # bench/run.py split into modules
        import measure_analysis as run
        from harness import RUNS
    except ImportError:  # bench/run.py in one piece
        import run
        from run import RUNS

    from measurement.models import Measure

    ids = list(
        Measure.objects.exclude(data_type="events").order_by("id").values_list("id", flat=True)
    )
    if measures:
        ids = ids[:: max(1, len(ids) // measures)][:measures]
    elapsed, cpu = [0.0] * RUNS, [0.0] * RUNS
    for start in range(0, len(ids), 1000):
        chunk = run._series(ids[start : start + 1000])
        for n in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            run._each(run.app_analysis, chunk)
            elapsed[n] += time.perf_counter() - started
            cpu[n] += time.process_time() - started_cpu
    print(
        f"{len(ids):,} measures read from the database, analysed in one process "
        f"(median of {RUNS} runs): {len(ids) / statistics.median(elapsed):,.0f} series/s, "
        f"{len(ids) / statistics.median(cpu):,.0f} series/s of CPU time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repetitions", nargs="?", type=int, default=20)
    parser.add_argument(
        "--database",
        action="store_true",
        help="Series read from DATABASE_URL, as bench/run.py times them.",
    )
    parser.add_argument("--measures", type=int, help="With --database: a sample of this size.")
    parser.add_argument("--profile", action="store_true", help="cProfile the national mix.")
    args = parser.parse_args()
    if args.database:
        from_database(args.measures)
    else:
        pure(args.repetitions, args.profile)


if __name__ == "__main__":
    main()
