"""Time chart rendering: a 260-point XmR chart (Making Data Count) as SVG and as PNG.

Five years of weekly data with one rebase, five PDSA cycles and a target; no Django needed.
Run from the project root:  python bench/chart_bench.py [renders]
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

from measurement.charts import ChartSpec, PdsaMarker, render_png, render_svg  # noqa: E402
from measurement.charts.style import PNG_DPI  # noqa: E402
from measurement.spc import MeasureSettings, Observation, Phase, analyse  # noqa: E402

WEEKS = 260
FIRST_MONDAY = date(2020, 1, 6)
WARM_UP = 3
TARGET_MS = 60


def chart_case(seed: int = 2016):
    rng = random.Random(seed)
    values = [rng.gauss(0.62, 0.05) + (0.08 if week > 150 else 0) for week in range(WEEKS)]
    observations = [
        Observation(FIRST_MONDAY + timedelta(weeks=week), value=round(value, 3))
        for week, value in enumerate(values)
    ]
    rebase = Phase(FIRST_MONDAY + timedelta(weeks=151), "New sepsis screening pathway")
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", 0.8, phases=(rebase,))
    pdsa = tuple(
        PdsaMarker(n, FIRST_MONDAY + timedelta(weeks=100 + 25 * n), f"Change idea number {n}")
        for n in range(1, 6)
    )
    spec = ChartSpec(
        "Patients screened for sepsis within an hour",
        unit="%",
        multiplier=100,
        target=0.8,
        improvement="increase",
        pdsa_markers=pdsa,
        rules_label="Making Data Count rules",
        chart_label="XmR chart",
    )
    return analyse(settings, observations=observations), spec


def timings_ms(render, analysis, spec, renders: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per render (CPU time is steadier on a busy machine)."""
    for _ in range(WARM_UP):
        render(analysis, spec)
    wall, cpu = [], []
    for _ in range(renders):
        start, start_cpu = time.perf_counter(), time.process_time()
        render(analysis, spec)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main(renders: int = 30) -> None:
    analysis, spec = chart_case()
    print(f"{WEEKS}-point XmR/mdc chart, 1 rebase, 5 PDSA markers, target; {renders} renders")
    print(f"  {'format':6} {'median ms':>10} {'p95 ms':>8} {'CPU median ms':>14} {'bytes':>8}")
    for name, render in (("SVG", render_svg), ("PNG", render_png)):
        wall, cpu = timings_ms(render, analysis, spec, renders)
        size = len(render(analysis, spec))
        print(
            f"  {name:6} {statistics.median(wall):10.1f} {p95(wall):8.1f} "
            f"{statistics.median(cpu):14.1f} {size:8,}"
        )
    print(f"  target: SVG under {TARGET_MS} ms uncached (PNG at {PNG_DPI} dpi has no target)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
