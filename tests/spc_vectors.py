"""The SPC worked examples, for the pure-module, chart and API tests.

`tests/data/spc_vectors.json` is the repository's copy of `../shared/spc/vectors.json` (computed
by qicharts2, NHSRplotthedots and the IHI rules), so a fresh clone proves the charts; a test checks
that the copy still equals the shared file wherever that file is present.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

TOLERANCE = 1e-6
VECTORS = Path(__file__).resolve().parent / "data" / "spc_vectors.json"
SHARED_VECTORS = Path(__file__).resolve().parents[2] / "shared" / "spc" / "vectors.json"


def load() -> list[dict]:
    return json.loads(VECTORS.read_text())


def vector_id(index: int, vector: dict) -> str:
    measure = vector["measure"]
    return f"{index:02d}-{measure['chart']}-{measure['rules']}-{vector['case']}"


def params() -> list:
    return [pytest.param(v, id=vector_id(i, v)) for i, v in enumerate(load())]


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
