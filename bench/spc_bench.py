"""Time the pure SPC analysis of five years of weekly data (no Django needed).

Run from the project root:  python bench/spc_bench.py [repetitions]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

# Runnable as a plain script: make the project root importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from measurement.spc import MeasureSettings, Observation, Phase, analyse  # noqa: E402

WEEKS = 260
FIRST_MONDAY = date(2020, 1, 6)


def _xmr_case(rng: random.Random) -> tuple[MeasureSettings, list[Observation]]:
    values = [rng.gauss(50, 5) + (6 if week > 150 else 0) for week in range(WEEKS)]
    observations = [
        Observation(FIRST_MONDAY + timedelta(weeks=week), value=round(value, 1))
        for week, value in enumerate(values)
    ]
    rebase = Phase(FIRST_MONDAY + timedelta(weeks=151), "new pathway")
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", 60.0, phases=(rebase,))
    return settings, observations


def _p_case(rng: random.Random) -> tuple[MeasureSettings, list[Observation]]:
    observations = []
    for week in range(WEEKS):
        denominator = rng.randint(80, 200)
        numerator = sum(rng.random() < 0.2 for _ in range(denominator))
        period = FIRST_MONDAY + timedelta(weeks=week)
        observations.append(Observation(period, numerator=numerator, denominator=denominator))
    return MeasureSettings("p", "anhoej", "proportion"), observations


def _median_seconds(settings: MeasureSettings, observations: list, repetitions: int) -> float:
    timings = []
    for _ in range(repetitions):
        start = time.perf_counter()
        analyse(settings, observations=observations).to_document()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main(repetitions: int = 200) -> None:
    rng = random.Random(2016)
    cases = {"xmr/mdc": _xmr_case(rng), "p/anhoej": _p_case(rng)}
    print(f"{WEEKS}-point series, analysis + document, median of {repetitions} runs")
    for name, (settings, observations) in cases.items():
        seconds = _median_seconds(settings, observations, repetitions)
        print(f"  {name:9} {seconds * 1000:7.3f} ms   {1 / seconds:9,.0f} series/second")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
