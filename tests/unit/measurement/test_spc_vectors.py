"""Every figure of every worked example in shared/spc/vectors.json, from the pure module.

The vectors were computed by qicharts2 0.8.1, NHSRplotthedots 0.2.2 and the IHI rules.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from measurement.spc import Event, MeasureSettings, Observation, Phase, analyse
from tests.spc_vectors import DEFAULT_VECTORS, params, require
from tests.spc_vectors import same as _same

POINT_FIGURES = {"value", "centre", "lower", "upper"}
POINT_SIGNALS = {"outside_limits", "shift", "trend"}
POINT_LABELS = {"point_type", "main_signal"}
PHASE_KEYS = {
    "n_useful", "longest_run", "longest_run_max", "crossings", "crossings_min", "runs_signal",
}  # fmt: skip
EXPECTED_KEYS = {"points", "phases", "centre", "variation", "assurance"}


def _settings(measure: dict) -> MeasureSettings:
    return MeasureSettings(
        chart=measure["chart"],
        rules=measure["rules"],
        data_type=measure["data_type"],
        improvement=measure.get("improvement", "neither"),
        target=measure.get("target"),
        screen_moving_ranges=measure.get("screen_moving_ranges", True),
        baseline_points=measure.get("baseline_points"),
        phases=tuple(
            Phase(date.fromisoformat(p["start"]), p["reason"]) for p in measure.get("phases", [])
        ),
    )


def _observations(rows: list[dict]) -> list[Observation]:
    return [
        Observation(
            period=date.fromisoformat(row["period"]),
            value=row.get("value"),
            numerator=row.get("numerator"),
            denominator=row.get("denominator"),
        )
        for row in rows
    ]


def _events(rows: list[dict]) -> list[Event]:
    return [
        Event(date.fromisoformat(row["date"]), row.get("opportunities_since_previous"))
        for row in rows
    ]


def _analyse(vector: dict):
    settings = _settings(vector["measure"])
    if "events" in vector:
        return analyse(settings, events=_events(vector["events"]))
    return analyse(settings, observations=_observations(vector["data"]))


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
    vector = require(vector)
    analysis = _analyse(vector)
    by_period = {point.period.isoformat(): point for point in analysis.points}
    expected_points = vector["expected"]["points"]
    assert sorted(by_period) == sorted(p["period"] for p in expected_points)
    mismatches = [m for p in expected_points for m in _point_mismatches(by_period[p["period"]], p)]
    assert mismatches == []


@pytest.mark.parametrize("vector", params())
def test_vector_reproduces_phase_run_statistics(vector):
    vector = require(vector)
    expected = vector["expected"]
    analysis = _analyse(vector)
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
    vector = require(vector)
    expected = vector["expected"]
    analysis = _analyse(vector)
    for key in ("variation", "assurance"):
        if key in expected:
            assert getattr(analysis, key) == expected[key]


@pytest.mark.parametrize("vector", params())
def test_vector_keys_are_all_checked(vector):
    """A key added to the vectors later must not be silently ignored by these tests."""
    vector = require(vector)
    expected = vector["expected"]
    assert set(expected) <= EXPECTED_KEYS
    known = POINT_FIGURES | POINT_SIGNALS | POINT_LABELS | {"period"}
    assert all(set(point) <= known for point in expected["points"])
    assert all(set(phase) <= PHASE_KEYS for phase in expected.get("phases", []))


def test_default_vectors_path_is_the_shared_folder():
    assert DEFAULT_VECTORS.parent.name == "spc"
    assert DEFAULT_VECTORS.parent.parent.name == "shared"
    assert DEFAULT_VECTORS.parent.parent.parent == Path(__file__).resolve().parents[4]
    assert DEFAULT_VECTORS.exists() or not os.environ.get("CI")
