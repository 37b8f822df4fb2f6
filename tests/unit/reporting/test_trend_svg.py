"""The dashboards' small trend charts, written as SVG without matplotlib."""

import re
import xml.etree.ElementTree as ET

import pytest

from reporting.trend_svg import HEIGHT, TOP, nice_ticks, trend_svg

SVG = "{http://www.w3.org/2000/svg}"


def chart(**overrides):
    options = {
        "ident": "trend-national-staff-trained",
        "title": "People trained",
        "desc": "Column chart of people trained in each quarter.",
        "values": [3, 0, 8, 2, 5, 4, 9, 12],
        "year_starts": [(0, "16/17"), (4, "17/18")],
        "shaded": (4, 7),
        "kind": "column",
    }
    return ET.fromstring(trend_svg(**{**options, **overrides}))


@pytest.mark.parametrize(
    ("top", "ticks"),
    [(0, [0, 1]), (3, [0, 1, 2, 3]), (12, [0, 5, 10, 15]), (451, [0, 200, 400, 600]),
     (10_150, [0, 5_000, 10_000, 15_000])],
)  # fmt: skip
def test_gridlines_are_round_numbers_from_zero_past_the_highest_value(top, ticks):
    assert nice_ticks(top) == ticks


def test_the_chart_is_named_and_described_for_screen_readers():
    svg = chart()
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "trend-national-staff-trained-title " \
        "trend-national-staff-trained-desc"  # fmt: skip
    assert svg.find(f"{SVG}title").text == "People trained"
    assert svg.find(f"{SVG}desc").text.startswith("Column chart")


def test_a_column_a_quarter_with_a_value_the_chosen_year_shaded_and_years_labelled():
    svg = chart()
    rects = svg.findall(f"{SVG}rect")
    shading, columns = rects[0], rects[1:]
    assert len(columns) == 7  # the quarter with none draws no column
    assert float(shading.get("y")) == TOP and shading.get("fill") == "#d8dde0"
    assert [t.text for t in svg.findall(f"{SVG}text")][-2:] == ["16/17", "17/18"]
    tallest = max(columns, key=lambda r: float(r.get("height")))
    assert float(tallest.get("y")) + float(tallest.get("height")) < HEIGHT


def test_a_state_at_each_quarters_end_is_a_line_with_a_point_a_quarter():
    svg = chart(kind="line", shaded=None)
    assert len(svg.findall(f"{SVG}polyline")) == 1
    assert len(svg.findall(f"{SVG}circle")) == 8
    assert not [r for r in svg.findall(f"{SVG}rect")]


def test_text_is_escaped():
    raw = trend_svg(ident="t", title="Falls & <harm>", desc="d", values=[1], year_starts=[],
                    shaded=None, kind="column")  # fmt: skip
    assert "Falls &amp; &lt;harm&gt;" in raw and not re.search(r"<harm>", raw)
