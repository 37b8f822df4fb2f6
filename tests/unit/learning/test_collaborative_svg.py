"""The results charts as SVG (learning.results_svg): one scale for every team, sessions and
action periods on the collaborative's chart, signals by shape, progress circles with counts."""

import re
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from learning import results_svg as svg
from learning.collaborative import SCORES

NS = {"svg": "http://www.w3.org/2000/svg"}
W1, W2, W3 = date(2016, 7, 4), date(2016, 7, 11), date(2016, 7, 18)


def parsed(markup: str) -> ElementTree.Element:
    return ElementTree.fromstring(markup)  # well-formed, or this raises


def test_ticks_are_round_numbers_from_zero_past_the_top():
    assert svg.nice_ticks(87) == [0, 50, 100]
    assert svg.nice_ticks(100) == [0, 50, 100]
    assert svg.nice_ticks(7.3) == [0, 2, 4, 6, 8]
    assert svg.nice_ticks(0.45) == [0, 0.2, 0.4, 0.6]
    assert svg.nice_ticks(4) == [0, 1, 2, 3, 4]
    assert svg.nice_ticks(0) == [0, 1]


def test_numbers_are_written_as_people_read_them():
    assert svg.number(1250) == "1,250"
    assert svg.number(42.0) == "42"
    assert svg.number(43.75) == "43.8"
    assert svg.number(0.25) == "0.25"
    assert svg.number(0) == "0"
    assert svg.Frame(W1, W2, (0, 50, 100), "%").label(42.5) == "42.5%"


def test_every_team_on_one_frame_shares_its_gridlines_and_dates():
    frame = svg.frame_for([W1, W3], [12.0, 87.0], "%")
    charts = [
        svg.small_multiple_svg(
            ident=f"t{n}", title=f"Team {n}", desc="d", points=points, frame=frame, centre=50.0
        )  # fmt: skip
        for n, points in enumerate([[(W1, 12.0), (W2, 30.0)], [(W2, 87.0), (W3, 60.0)]])
    ]
    labels = [[t.text for t in parsed(c).iter("{http://www.w3.org/2000/svg}text")] for c in charts]
    assert labels[0] == labels[1] == ["0%", "50%", "100%", "Jul 2016", "Jul 2016"]
    root = parsed(charts[0])
    assert root.get("role") == "img" and root.get("aria-labelledby") == "t0-title t0-desc"
    assert root.find("svg:title", NS).text == "Team 0"
    assert len(root.findall("svg:circle", NS)) == 2


def _collaborative(**options) -> str:
    points = [
        svg.PlotPoint(W1, 20.0, 40.0, 10.0, 70.0),
        svg.PlotPoint(W2, 75.0, 40.0, 10.0, 70.0, "improvement"),
        svg.PlotPoint(W3, 5.0, 40.0, 10.0, 70.0, "concern"),
    ]
    return svg.collaborative_svg(
        ident="c",
        title="The collaborative",
        desc="words",
        points=points,
        frame=svg.frame_for([date(2016, 6, 15), W3, date(2016, 8, 17)], [75.0, 70.0], "%"),
        sessions=[svg.Session(date(2016, 6, 15), "LS1"), svg.Session(date(2016, 8, 17), "LS2")],
        bands=[svg.Band(date(2016, 6, 16), date(2016, 8, 16), "Action period 1", "AP1")],
        **options,
    )


def test_the_collaborative_chart_marks_sessions_names_action_periods_and_shapes_signals():
    markup = _collaborative()
    root = parsed(markup)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"LS1", "LS2", "Action period 1"} <= set(texts)
    dashed = [line for line in root.findall("svg:line", NS) if line.get("stroke-dasharray")]
    assert len(dashed) == 2  # one line for each session
    assert len(root.findall("svg:rect[@width='8.4']", NS)) == 1  # the concern: a square
    big = [c for c in root.findall("svg:circle", NS) if c.get("r") == "4.6"]
    assert len(big) == 1  # the improvement: a large circle
    # The centre line and the two limits, each a step line across the periods.
    assert len(root.findall("svg:polyline", NS)) == 4


def test_a_phone_gets_the_chart_drawn_narrow_with_short_names_where_long_ones_do_not_fit():
    wide, narrow = parsed(_collaborative()), parsed(_collaborative(narrow=True))
    assert wide.get("width") == "640" and narrow.get("width") == "360"
    assert "app-results-chart--narrow" in narrow.get("class")


def test_progress_circles_carry_their_counts_and_the_mean_is_a_dashed_line():
    months = [date(2016, 6, 1), date(2016, 7, 1)]
    counts = [[0] * len(SCORES) for _ in months]
    counts[0][SCORES.index(Decimal("1.5"))] = 3
    counts[1][SCORES.index(Decimal("1.5"))] = 2
    counts[1][SCORES.index(Decimal("3.0"))] = 1
    markup = svg.progress_svg(ident="p", title="Progress", desc="words", months=months,
                              scores=list(SCORES), counts=counts, means=[1.5, 2.0])  # fmt: skip
    root = parsed(markup)
    assert len(root.findall("svg:circle", NS)) == 3
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts.count("3") == 1 and texts.count("2") == 1 and texts.count("1") == 1
    assert {"0.5", "5.0", "Jun", "Jul", "2016"} <= set(texts)
    [mean] = root.findall("svg:polyline", NS)
    assert mean.get("stroke-dasharray")


def test_an_icon_is_decorative_beside_its_words():
    root = parsed(svg.icon_svg(colour="#005eb8", letter="H", arrow=1))
    assert root.get("aria-hidden") == "true"
    assert root.find("svg:text", NS).text == "H"
    assert root.find("svg:polygon", NS) is not None  # the arrow
    common = parsed(svg.icon_svg(colour="#768692", letter="", arrow=0))
    assert common.find("svg:text", NS) is None and common.find("svg:polyline", NS) is not None


def test_no_style_attributes_for_the_content_security_policy():
    for markup in (_collaborative(), svg.icon_svg(colour="#000", letter="P", arrow=0)):
        assert not re.search(r"\sstyle=", markup)
