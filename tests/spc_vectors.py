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
