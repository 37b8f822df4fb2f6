"""The analysis document is plain JSON data (that the package imports no Django is an
import-linter contract: pyproject.toml)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from measurement.spc import MeasureSettings, Observation, Phase, analyse


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)


def test_the_analysis_document_holds_only_plain_json_values():
    monday = date(2024, 1, 1)
    observations = [
        Observation(monday + timedelta(weeks=i), value=v)
        for i, v in enumerate([51.2, 48.0, 50.5, 49.9, 70.0, 52.1, 47.3, 50.0])
    ]
    rebase = Phase(monday + timedelta(weeks=4), "new rota")
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", 85, phases=(rebase,))
    document = analyse(settings, observations=observations).to_document()
    assert _plain(document)
    assert json.loads(json.dumps(document)) == document
    assert set(document) == {
        "chart", "rules", "improvement", "target", "points", "phases", "variation", "assurance",
        "screen_moving_ranges", "baseline_points", "notes",
    }  # fmt: skip
    assert set(document["points"][0]) == {
        "period", "value", "numerator", "denominator", "phase", "baseline", "centre", "lower",
        "upper", "signals", "main_signal", "point_type",
    }  # fmt: skip
    assert document["points"][0]["period"] == "2024-01-01"
    assert document["phases"][1]["start"] == "2024-01-29"
    assert document["phases"][1]["reason"] == "new rota"
    assert document["target"] == 85.0
    assert document["notes"] == []


def test_the_document_states_the_settings_that_change_the_figures():
    monday = date(2024, 1, 1)
    observations = [
        Observation(monday + timedelta(weeks=i), value=v)
        for i, v in enumerate([5.0, 7.0, 6.0, 30.0, 6.5, 5.5, 6.0, 7.5])
    ]
    screened = analyse(MeasureSettings("xmr", "mdc", "continuous"), observations)
    unscreened = analyse(
        MeasureSettings("xmr", "mdc", "continuous", screen_moving_ranges=False, baseline_points=5),
        observations,
    )
    assert screened.to_document()["screen_moving_ranges"] is True
    assert screened.to_document()["baseline_points"] is None
    assert unscreened.to_document()["screen_moving_ranges"] is False
    assert unscreened.to_document()["baseline_points"] == 5
    # The two settings do change the limits the document gives.
    assert screened.points[0].upper != unscreened.points[0].upper


def test_ihi_phases_carry_the_runs_test_in_the_document():
    monday = date(2024, 1, 1)
    observations = [
        Observation(monday + timedelta(weeks=i), value=v) for i, v in enumerate([1, 9] * 6)
    ]
    document = analyse(MeasureSettings("run", "ihi", "continuous"), observations).to_document()
    phase = document["phases"][0]
    assert (phase["runs"], phase["runs_lower"], phase["runs_upper"]) == (12, 3, 11)
    assert (phase["too_few_runs"], phase["too_many_runs"]) == (False, True)
    assert document["points"][0]["lower"] is None
