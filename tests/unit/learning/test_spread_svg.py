"""The spread step chart's SVG: well formed, steps where the count rises, markers in words."""

import xml.etree.ElementTree as ET
from datetime import date

from learning.spread_svg import Marker, axis_range, nice_ticks, spread_svg, year_labels

SVG = "{http://www.w3.org/2000/svg}"


def chart(steps, markers=()):
    return spread_svg(
        ident="spread",
        title="Organisations adopting",
        desc="From 1 to 3 hospitals",
        steps=steps,
        markers=list(markers),
        today=date(2017, 6, 1),
    )


def test_the_chart_is_well_formed_with_its_text_alternative():
    root = ET.fromstring(chart([(date(2016, 5, 1), 1), (date(2016, 9, 1), 3)]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "spread-title spread-desc"
    assert root.find(f"{SVG}title").text == "Organisations adopting"
    assert root.find(f"{SVG}desc").text == "From 1 to 3 hospitals"
    assert "style" not in chart([(date(2016, 5, 1), 1)])  # the CSP drops style attributes


def test_a_point_at_each_step_and_a_line_that_steps():
    root = ET.fromstring(chart([(date(2016, 5, 1), 1), (date(2016, 9, 1), 3)]))
    assert len(root.findall(f"{SVG}circle")) == 2
    points = root.find(f"{SVG}polyline").get("points").split()
    # from zero, along, up to 1, along, up to 3, along to the end: horizontal then vertical
    ys = [float(p.split(",")[1]) for p in points]
    xs = [float(p.split(",")[0]) for p in points]
    assert ys[0] == ys[1] and xs[1] == xs[2] and ys[2] == ys[3] and xs[3] == xs[4]
    assert ys[4] < ys[2] < ys[0]  # higher counts are higher up (smaller y)


def test_programme_start_and_end_are_named_dashed_lines():
    svg = chart(
        [(date(2016, 5, 1), 1)],
        [Marker(date(2016, 4, 1), "Programme start"), Marker(date(2017, 3, 31), "Programme end")],
    )
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Programme start" in texts and "Programme end" in texts
    assert len([line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]) == 2


def test_no_adoptions_still_draws_axes():
    root = ET.fromstring(chart([]))
    assert root.find(f"{SVG}polyline") is None
    assert [t.text for t in root.iter(f"{SVG}text")][:2] == ["0", "1"]


def test_ticks_and_axis():
    assert nice_ticks(28) == [0, 10, 20, 30]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]
    first, last = axis_range([(date(2016, 1, 1), 1)], [], date(2016, 12, 31))
    assert first < date(2016, 1, 1) and last > date(2016, 12, 31)
    assert year_labels(date(2015, 6, 1), date(2017, 6, 1)) == [date(2016, 1, 1), date(2017, 1, 1)]
    assert len(year_labels(date(1990, 1, 1), date(2020, 1, 1))) <= 8
