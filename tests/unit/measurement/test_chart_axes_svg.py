"""The drawn chart: its axis spans the data, gaps are breaks, notes are numbered, units shown."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta

from measurement.charts import ChartSpec, PdsaMarker, data_table, render_svg, table_headers
from measurement.charts.layers import rebase_label
from measurement.charts.spec import NoteMarker
from measurement.charts.summary import chart_description, text_summary
from measurement.spc import MeasureSettings, Observation, Phase, analyse

SVG = "{http://www.w3.org/2000/svg}"
START = date(2017, 1, 2)
LATE = date(2026, 1, 5)
WOBBLE = [0.6, -0.4, 0.2, -0.8, 0.5, -0.1, 0.9, -0.6, 0.3, -0.3, 0.7, -0.5]


def _observations(first: date, count: int, level: float) -> list[Observation]:
    return [
        Observation(first + timedelta(weeks=i), value=level + 0.03 * WOBBLE[i % 12])
        for i in range(count)
    ]


def _analysis(late_weeks: int = 6, **settings):
    observations = _observations(START, 20, 0.55) + _observations(LATE, late_weeks, 0.8)
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", **settings)
    return analyse(settings, observations=observations)


SPEC = ChartSpec(
    "NEWS2 within an hour",
    unit="%",
    multiplier=100,
    target=0.9,
    improvement="increase",
    pdsa_markers=(
        PdsaMarker(1, date(2014, 3, 3), "Early trial"),
        PdsaMarker(2, START + timedelta(weeks=3), "Sepsis trolley"),
    ),
    notes=(
        NoteMarker(1, START + timedelta(weeks=4), "Agency staff", "Ann Smith", date(2026, 12, 1)),
        NoteMarker(2, LATE, "New system"),
    ),
)


def _root(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def _group(root: ET.Element, suffix: str) -> ET.Element | None:
    return next((g for g in root.iter(f"{SVG}g") if g.get("id", "").endswith(suffix)), None)


def _texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def _subpaths(group: ET.Element) -> list[list[tuple[float, float]]]:
    """Each run of a path's vertices, split at every move (M)."""
    d = " ".join(path.get("d") for path in group.iter(f"{SVG}path"))
    runs: list[list[tuple[float, float]]] = []
    for command, x, y in re.findall(r"([ML])\s*(-?[\d.]+)\s+(-?[\d.]+)", d):
        if command == "M" or not runs:
            runs.append([])
        runs[-1].append((float(x), float(y)))
    return runs


def test_no_segment_of_the_line_spans_the_gap_in_the_data():
    root = _root(render_svg(_analysis(), SPEC))
    runs = _subpaths(_group(root, "-line"))
    assert [len(run) for run in runs] == [20, 6]  # broken once, at the gap
    band = _group(root, "-break-1")
    assert band is not None
    assert "No data for about 9 years" in _texts(root)
    steps = [b[0] - a[0] for a, b in zip(runs[0], runs[0][1:], strict=False)]
    # The years without data are narrowed: the gap is a few weeks wide, not hundreds.
    gap = runs[1][0][0] - runs[0][-1][0]
    assert gap < 10 * max(steps)


def test_a_monthly_series_with_a_break_draws_without_a_warning():
    months = [date(2015 + i // 12, i % 12 + 1, 1) for i in range(18)]
    months += [date(2019 + i // 12, i % 12 + 1, 1) for i in range(14)]
    observations = [Observation(m, value=20 + WOBBLE[i % 12]) for i, m in enumerate(months)]
    analysis = analyse(MeasureSettings("run", "anhoej", "continuous"), observations=observations)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns when its locator finds no interval
        root = _root(render_svg(analysis, ChartSpec("Monthly", frequency="monthly")))
    assert "No data for 30 months" in _texts(root)
    assert {"2015", "2019"} <= {line for t in _texts(root) for line in t.split()}


def test_a_short_gap_is_drawn_as_a_line():
    observations = _observations(START, 5, 0.5) + _observations(START + timedelta(weeks=15), 5, 0.5)
    analysis = analyse(MeasureSettings("run", "anhoej", "continuous"), observations=observations)
    root = _root(render_svg(analysis, ChartSpec("Short gap")))
    assert len(_subpaths(_group(root, "-line"))) == 1
    assert _group(root, "-break-1") is None


def test_a_cycle_before_the_data_is_not_drawn_and_the_axis_starts_with_the_data():
    root = _root(render_svg(_analysis(), SPEC))
    assert _group(root, "-pdsa-2") is not None
    assert _group(root, "-pdsa-1") is None
    texts = _texts(root)
    assert "2014" not in " ".join(texts)
    assert "Early trial (from 3 Mar 2014)" not in texts
    desc = root.find(f"{SVG}desc").text
    assert "Before the charted period: PDSA cycle 1 “Early trial” (March 2014)." in desc


def test_notes_are_numbered_markers_at_their_points_described_and_in_a_legend():
    root = _root(render_svg(_analysis(), SPEC))
    for number, text in ((1, "Agency staff"), (2, "New system")):
        marker = _group(root, f"-note-{number}")
        assert marker is not None
        assert text in marker.find(f"{SVG}title").text
        assert str(number) in _texts(marker)
    assert "Notes on points" in _texts(root)
    assert "2 notes on points" in chart_description(_analysis(), SPEC)


def test_the_target_line_label_is_in_display_units():
    root = _root(render_svg(_analysis(), SPEC))
    label = _group(root, "-target-label")
    assert "".join(label.itertext()).split() == ["Target", "90%"]
    assert "The target of 90%" in text_summary(_analysis(target=0.9), SPEC)


def test_the_narrow_chart_is_phone_width_with_text_as_large_as_the_wide_ones():
    wide, narrow = (_root(render_svg(_analysis(), SPEC, narrow=n)) for n in (False, True))
    assert float(narrow.get("width").removesuffix("pt")) == 270  # 3.75 in: 360 CSS px
    assert float(wide.get("width").removesuffix("pt")) == 648

    def sizes(root):
        return {
            float(m) for m in re.findall(r"font-size: ([\d.]+)px", ET.tostring(root, "unicode"))
        }

    # 270 pt shown 360 px wide: 9 pt labels read at 12 px on a phone.
    assert 9 in sizes(narrow)
    assert sizes(narrow) == sizes(wide)
    assert "No data for about 9 years" in _texts(narrow)


def test_no_variation_in_the_baseline_is_said_on_the_chart_and_in_the_summary():
    flat = [Observation(START + timedelta(weeks=i), value=5.0) for i in range(12)]
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous", "increase"), flat)
    analysis = replace(analysis, notes=("no_variation",))
    root = _root(render_svg(analysis, ChartSpec("Flat")))
    assert any("no limits: no variation in the baseline" in t for t in _texts(root))
    assert text_summary(analysis, ChartSpec("Flat")).startswith(
        "No limits: no variation in the baseline"
    )


def test_the_data_table_has_a_notes_column_numbered_as_the_chart():
    analysis = _analysis()
    headers = [h["key"] for h in table_headers(analysis, SPEC)]
    assert headers[-1] == "notes"
    rows = data_table(analysis, SPEC)
    assert rows[4]["notes"] == "1. Agency staff (Ann Smith, 1 Dec 2026)"
    assert rows[20]["notes"] == "2. New system"
    assert rows[0]["notes"] == ""
    assert "notes" not in [h["key"] for h in table_headers(analysis, replace(SPEC, notes=()))]


def test_a_rebase_label_near_the_right_edge_goes_left_of_its_line():
    reason = "Sepsis screening tool introduced on every ward"
    assert rebase_label(reason, room_right=3.0, room_left=1.0) == ("Sepsis screening tool…", "left")
    text, side = rebase_label(reason, room_right=0.4, room_left=2.0)
    assert side == "right" and len(text) <= 2.0 / 0.06
    text, side = rebase_label("Short", room_right=0.5, room_left=2.0)
    assert (text, side) == ("Short", "left")


def test_on_a_narrow_chart_a_late_rebase_is_labelled_within_the_figure():
    observations = [
        Observation(START + timedelta(weeks=i), value=20 + WOBBLE[i % 12] + (6 if i >= 20 else 0))
        for i in range(26)
    ]
    settings = MeasureSettings(
        "xmr",
        "mdc",
        "continuous",
        "increase",
        phases=(Phase(START + timedelta(weeks=20), "Sepsis screening tool introduced"),),
    )
    svg = render_svg(analyse(settings, observations), ChartSpec("Falls"), narrow=True).decode()
    label = re.search(r"<text[^>]*text-anchor: (\w+)[^>]*>Sepsis screening", svg)
    assert label and label.group(1) == "end"
