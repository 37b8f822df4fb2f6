"""The shared SPC worked examples (../shared/spc/vectors.json), for the pure-module and API tests.

The file sits beside the project (as on CI); SPC_VECTORS points elsewhere. Missing, the tests that
use it skip locally and fail on CI.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

TOLERANCE = 1e-6
DEFAULT_VECTORS = Path(__file__).resolve().parents[2] / "shared" / "spc" / "vectors.json"
VECTORS = Path(os.environ.get("SPC_VECTORS", DEFAULT_VECTORS))


def load() -> list[dict]:
    if not VECTORS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"SPC vectors not found at {VECTORS} (set SPC_VECTORS)")
        pytest.skip(f"SPC vectors not found at {VECTORS}; set SPC_VECTORS to run these tests")
    return json.loads(VECTORS.read_text())


def require(vector: dict | None) -> dict:
    if vector is None:
        load()  # skips, or fails under CI
    return vector


def vector_id(index: int, vector: dict) -> str:
    measure = vector["measure"]
    return f"{index:02d}-{measure['chart']}-{measure['rules']}-{vector['case']}"


def params() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, id="vectors-missing")]
    vectors = json.loads(VECTORS.read_text())
    return [pytest.param(v, id=vector_id(i, v)) for i, v in enumerate(vectors)]


def same(actual, expected) -> bool:
    if expected is None or actual is None:
        return actual is expected
    if isinstance(expected, (bool, str)):
        return actual == expected
    return math.isclose(actual, expected, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def analyse_vector(vector: dict):
    """The pure module's analysis of a vector's measure and data (or events)."""
    from datetime import date

    from measurement import spc

    measure = vector["measure"]
    settings = spc.MeasureSettings(
        chart=measure["chart"],
        rules=measure["rules"],
        data_type=measure["data_type"],
        improvement=measure.get("improvement", "neither"),
        target=measure.get("target"),
        screen_moving_ranges=measure.get("screen_moving_ranges", True),
        baseline_points=measure.get("baseline_points"),
        phases=tuple(
            spc.Phase(date.fromisoformat(p["start"]), p["reason"])
            for p in measure.get("phases", [])
        ),
    )
    if "events" in vector:
        return spc.analyse(
            settings,
            events=[
                spc.Event(date.fromisoformat(e["date"]), e.get("opportunities_since_previous"))
                for e in vector["events"]
            ],
        )
    return spc.analyse(
        settings,
        observations=[
            spc.Observation(
                date.fromisoformat(r["period"]),
                r.get("value"),
                r.get("numerator"),
                r.get("denominator"),
            )
            for r in vector["data"]
        ],
    )
