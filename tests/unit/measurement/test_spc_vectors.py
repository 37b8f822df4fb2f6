"""Every figure of every worked example (tests/data/spc_vectors.json, a copy of
../shared/spc/vectors.json), from the pure module.

The vectors were computed by qicharts2 0.8.1, NHSRplotthedots 0.2.2 and the IHI rules.
"""

from __future__ import annotations

import json

import pytest

from tests.spc_vectors import SHARED_VECTORS, VECTORS, analyse_vector, params
from tests.spc_vectors import same as _same

POINT_FIGURES = {"value", "centre", "lower", "upper"}
POINT_SIGNALS = {"outside_limits", "shift", "trend"}
POINT_LABELS = {"point_type", "main_signal"}
PHASE_KEYS = {
    "n_useful", "longest_run", "longest_run_max", "crossings", "crossings_min", "runs_signal",
}  # fmt: skip
EXPECTED_KEYS = {"points", "phases", "centre", "variation", "assurance"}


def _point_mismatches(point, expected: dict) -> list[str]:
    found = []
    for key, want in expected.items():
        if key in POINT_FIGURES:
            got = getattr(point, key)
        elif key in POINT_SIGNALS:
            got = key in point.signals
        elif key in POINT_LABELS:
            got = getattr(point, key)
        else:
            continue
        if not _same(got, want):
            found.append(f"{expected['period']} {key}: got {got!r}, expected {want!r}")
    return found


@pytest.mark.parametrize("vector", params())
def test_vector_reproduces_every_point(vector):
    analysis = analyse_vector(vector)
    by_period = {point.period.isoformat(): point for point in analysis.points}
    expected_points = vector["expected"]["points"]
    assert sorted(by_period) == sorted(p["period"] for p in expected_points)
    mismatches = [m for p in expected_points for m in _point_mismatches(by_period[p["period"]], p)]
    assert mismatches == []


@pytest.mark.parametrize("vector", params())
def test_vector_reproduces_phase_run_statistics(vector):
    expected = vector["expected"]
    analysis = analyse_vector(vector)
    if "phases" in expected:
        assert len(analysis.phases) == len(expected["phases"])
        for phase, want in zip(analysis.phases, expected["phases"], strict=True):
            got = {key: getattr(phase, key) for key in want}
            assert all(_same(got[key], want[key]) for key in want), (got, want)
    if "centre" in expected:
        assert _same(analysis.phases[0].centre, expected["centre"])
        assert all(_same(point.centre, expected["centre"]) for point in analysis.points)


@pytest.mark.parametrize("vector", params())
def test_vector_reproduces_variation_and_assurance(vector):
    expected = vector["expected"]
    analysis = analyse_vector(vector)
    for key in ("variation", "assurance"):
        if key in expected:
            assert getattr(analysis, key) == expected[key]


@pytest.mark.parametrize("vector", params())
def test_vector_keys_are_all_checked(vector):
    """A key added to the vectors later must not be silently ignored by these tests."""
    expected = vector["expected"]
    assert set(expected) <= EXPECTED_KEYS
    known = POINT_FIGURES | POINT_SIGNALS | POINT_LABELS | {"period"}
    assert all(set(point) <= known for point in expected["points"])
    assert all(set(phase) <= PHASE_KEYS for phase in expected.get("phases", []))


def test_the_repositorys_copy_of_the_worked_examples_is_the_shared_file():
    """The copy is what the tests read; the shared file beside the project is the source. Where
    it is present (a developer's machine, CI) the two must be byte for byte the same."""
    copy = VECTORS.read_bytes()
    if SHARED_VECTORS.exists():
        assert copy == SHARED_VECTORS.read_bytes(), "copy ../shared/spc/vectors.json again"
    vectors = json.loads(copy)
    assert len(vectors) >= 46
    assert {v["measure"]["rules"] for v in vectors} >= {"anhoej", "ihi", "mdc"}
