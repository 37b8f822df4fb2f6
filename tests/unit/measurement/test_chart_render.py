"""Rendered charts: accessible SVG that says what it shows, PNG on request, every vector drawn."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import matplotlib as mpl
import pytest

from measurement.charts import ChartSpec, PdsaMarker, render_png, render_svg, text_summary
from measurement.charts.markers import marker_keys, marker_style
from measurement.charts.summary import chart_description
from measurement.charts.ticks import date_labels
from measurement.spc import MeasureSettings, Observation, Phase, analyse
from tests.spc_vectors import analyse_vector, params

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIRST_MONDAY = date(2024, 1, 1)
# tests/unit/measurement/<file> -> parents[4] is the folder holding the project and shared/.
WOBBLE = [0.6, -0.4, 0.2, -0.8, 0.5, -0.1, 0.9, -0.6, 0.3, -0.3, 0.7, -0.5]


def _monday(week: int) -> date:
    return FIRST_MONDAY + timedelta(weeks=week)


def _weekly(values: list[float]) -> list[Observation]:
    return [Observation(_monday(i), value=v) for i, v in enumerate(values)]


def _steady(level: float, count: int, size: float = 1.0) -> list[float]:
    return [level + size * WOBBLE[i % len(WOBBLE)] for i in range(count)]


def _mixed_signals(improvement: str = "increase", **settings):
    """A low outlier (concern), then a run of 9 points above the mean (improvement)."""
    values = _steady(50, 14, size=3) + [30] + _steady(50, 5, size=3) + _steady(54, 8, size=0.5)
    return analyse(
        MeasureSettings("xmr", "mdc", "continuous", improvement, **settings),
        observations=_weekly(values),
    )


SPEC = ChartSpec(
    "Patients screened for sepsis",
    unit="%",
    target=55.0,
    improvement="increase",
    pdsa_markers=(
        PdsaMarker(1, _monday(8), "Sepsis trolley on each ward"),
        PdsaMarker(2, _monday(20), "Screening prompt in e-obs"),
    ),
    rules_label="Making Data Count rules",
    chart_label="XmR chart",
)


def _root(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def _texts(svg: bytes) -> list[str]:
    return ["".join(node.itertext()) for node in _root(svg).iter(f"{SVG}text")]


def _ids(svg: bytes) -> list[str]:
    return [node.get("id") for node in _root(svg).iter() if node.get("id")]


def _group(svg: bytes, suffix: str) -> ET.Element | None:
    return next((n for n in _root(svg).iter(f"{SVG}g") if n.get("id", "").endswith(suffix)), None)


def test_svg_parses_and_opens_with_its_title_then_its_description():
    analysis = _mixed_signals(target=55.0)
    root = _root(render_svg(analysis, SPEC))
    assert root.tag == f"{SVG}svg"
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title"
    assert first.text == "Patients screened for sepsis"
    assert second.tag == f"{SVG}desc"
    assert second.text == chart_description(analysis, SPEC)
    assert second.text.startswith(text_summary(analysis, SPEC))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"


def test_title_and_description_are_escaped():
    spec = ChartSpec("Falls <ward 7> & ward 8", improvement="decrease")
    root = _root(render_svg(_mixed_signals("decrease"), spec))
    assert root[0].text == "Falls <ward 7> & ward 8"


def test_legend_explains_every_marker_type_used_and_no_other():
    analysis = _mixed_signals(target=55.0)
    keys = set(marker_keys(analysis, "increase"))
    assert {"common", "concern_outside", "improvement_high"} <= keys  # the data shows both
    texts = _texts(render_svg(analysis, SPEC))
    for key in keys:
        assert marker_style(key).label in texts
    assert marker_style("neutral_high").label not in texts
    for line in ("Measure", "Mean", "Process limits", "Target"):
        assert line in texts


def test_point_status_is_never_shown_by_colour_alone():
    keys = ["common", "improvement_high", "improvement_low", "improvement_outside"]
    shapes = {marker_style(key).marker for key in keys}
    assert len(shapes) == len(keys)
    kinds = ["improvement_high", "concern_high", "neutral_high"]
    assert len({marker_style(key).colour for key in kinds}) == 3
    assert all(marker_style(key).label != marker_style("common").label for key in kinds)


def test_points_are_drawn_with_one_artist_per_marker_type():
    analysis = _mixed_signals(target=55.0)
    svg = render_svg(analysis, SPEC)
    groups = [i for i in _ids(svg) if re.search(r"-points-(common|improvement|concern)", i)]
    assert len(groups) == len(set(marker_keys(analysis, "increase")))


def test_pdsa_cycles_are_numbered_markers_with_a_legend():
    svg = render_svg(_mixed_signals(target=55.0), SPEC)
    texts = _texts(svg)
    for marker in SPEC.pdsa_markers:
        badge = _group(svg, f"-pdsa-{marker.number}")
        assert badge is not None
        assert "".join(badge.itertext()).strip().endswith(str(marker.number))
        assert f"{marker.title} (from {marker.start.day} {marker.start:%b %Y})" in texts
    assert "PDSA cycles" in texts
    assert texts.count("2") >= 2  # on the chart and in the legend


def test_run_charts_have_no_limit_lines_but_xmr_charts_do():
    values = _steady(50, 20)
    run = analyse(MeasureSettings("run", "anhoej", "continuous"), _weekly(values))
    xmr = analyse(MeasureSettings("xmr", "anhoej", "continuous"), _weekly(values))
    run_svg, xmr_svg = render_svg(run, ChartSpec("Run")), render_svg(xmr, ChartSpec("XmR"))
    assert not any(i.endswith("-limits") for i in _ids(run_svg))
    assert "Control limits" not in _texts(run_svg)
    assert any(i.endswith("-limits") for i in _ids(xmr_svg))
    assert "Control limits" in _texts(xmr_svg)
    assert "Median" in _texts(run_svg)


def test_a_runs_signal_is_shown_on_the_centre_line_and_in_the_legend():
    analysis = analyse(
        MeasureSettings("run", "anhoej", "continuous"), _weekly(_steady(50, 12) + _steady(60, 12))
    )
    svg = render_svg(analysis, ChartSpec("Run"))
    assert any(i.endswith("-centre-signal") for i in _ids(svg))
    assert "Median: non-random runs" in _texts(svg)


def test_making_data_count_xmr_shows_variation_and_assurance_icons_described():
    analysis = _mixed_signals(target=55.0)
    svg = render_svg(analysis, SPEC)
    variation, assurance = _group(svg, "-variation-icon"), _group(svg, "-assurance-icon")
    assert variation is not None and assurance is not None
    assert variation.find(f"{SVG}title").text == (
        "Variation: special cause improvement, higher values"
    )
    assert assurance.find(f"{SVG}title").text == "Assurance: the target may or may not be met"
    texts = _texts(svg)
    assert {"H", "?", "Variation", "Assurance"} <= set(texts)


def test_no_assurance_icon_without_a_target():
    spec = ChartSpec("No target", improvement="increase")
    svg = render_svg(_mixed_signals(), spec)
    assert _group(svg, "-variation-icon") is not None
    assert _group(svg, "-assurance-icon") is None


def test_other_rule_sets_get_no_icons():
    analysis = analyse(
        MeasureSettings("xmr", "anhoej", "continuous", "increase", 55.0), _weekly(_steady(50, 20))
    )
    svg = render_svg(analysis, ChartSpec("Anhøj", target=55.0, improvement="increase"))
    assert not any(i.endswith("-icon") for i in _ids(svg))


def test_the_subtitle_names_the_chart_and_the_rule_set():
    texts = _texts(render_svg(_mixed_signals(target=55.0), SPEC))
    assert "XmR chart · Making Data Count rules · higher is better" in texts
    ihi = analyse(MeasureSettings("run", "ihi", "continuous"), _weekly(_steady(5, 12)))
    assert "Run chart · IHI run chart rules" in _texts(render_svg(ihi, ChartSpec("IHI")))


def test_a_rebase_is_a_dotted_line_labelled_with_its_shortened_reason():
    reason = "New sepsis screening tool introduced on every ward in the trust"
    settings = {"phases": (Phase(_monday(20), reason),)}
    svg = render_svg(_mixed_signals(**settings), ChartSpec("Rebased", improvement="increase"))
    assert any(i.endswith("-rebase-2") for i in _ids(svg))
    labels = [t for t in _texts(svg) if t.startswith("New sepsis")]
    assert labels == ["New sepsis screening tool…"]
    assert "Rebase (new phase)" in _texts(svg)


def test_the_target_line_is_labelled_in_display_units():
    analysis = _mixed_signals()
    spec = ChartSpec("Target", unit="%", multiplier=100, target=0.55, improvement="increase")
    svg = render_svg(analysis, spec)
    assert any(i.endswith("-target") for i in _ids(svg))
    assert {"Target", "55%"} <= set(_texts(svg))


def test_axis_labels_carry_the_multiplier_and_a_percent_unit():
    values = [v / 100 for v in _steady(50, 20)]
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(values))
    texts = _texts(render_svg(analysis, ChartSpec("Percent", unit="%", multiplier=100)))
    assert "50%" in texts or "50.0%" in texts


def test_x_axis_labels_are_dates_with_the_year_where_it_changes():
    ticks = mpl.dates.date2num([date(2023, 11, 1), date(2023, 12, 1), date(2024, 1, 1)])
    assert date_labels(list(ticks)) == ["Nov\n2023", "Dec", "Jan\n2024"]
    years = mpl.dates.date2num([date(2021, 1, 1), date(2022, 1, 1)])
    assert date_labels(list(years)) == ["2021", "2022"]
    weeks = mpl.dates.date2num([date(2024, 1, 8), date(2024, 1, 15)])
    assert date_labels(list(weeks)) == ["8 Jan\n2024", "15 Jan"]


def test_an_empty_analysis_renders_a_no_data_yet_chart():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), observations=[])
    svg = render_svg(analysis, ChartSpec("Nothing yet"))
    assert "No data yet" in _texts(svg)
    assert _root(svg)[1].text.startswith("No data yet")
    assert render_png(analysis, ChartSpec("Nothing yet")).startswith(PNG_SIGNATURE)


def test_a_single_point_renders():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly([5.0]))
    assert _root(render_svg(analysis, ChartSpec("One"))).tag == f"{SVG}svg"


def test_png_is_a_png_sized_by_its_dpi_and_carries_the_title():
    from PIL import Image

    analysis = _mixed_signals(target=55.0)
    small, large = render_png(analysis, SPEC, dpi=50), render_png(analysis, SPEC, dpi=100)
    assert small.startswith(PNG_SIGNATURE) and large.startswith(PNG_SIGNATURE)
    small_image, large_image = Image.open(io.BytesIO(small)), Image.open(io.BytesIO(large))
    assert large_image.width == 2 * small_image.width == 900
    assert large_image.text["Title"] == SPEC.title


def test_text_is_kept_as_text_not_drawn_as_glyph_paths():
    svg = render_svg(_mixed_signals(target=55.0), SPEC).decode()
    assert "<text" in svg
    assert "DejaVuSans-" not in svg and "glyph" not in svg


def test_the_same_chart_gives_the_same_svg_and_other_charts_other_ids():
    analysis = _mixed_signals(target=55.0)
    first, again = render_svg(analysis, SPEC), render_svg(analysis, SPEC)
    assert first == again
    other = render_svg(_mixed_signals(), ChartSpec("Other"))
    assert not set(_ids(first)) & set(_ids(other))


def test_rendering_leaves_matplotlib_global_settings_alone():
    before = dict(mpl.rcParams)
    render_svg(_mixed_signals(target=55.0), SPEC)
    render_png(_mixed_signals(target=55.0), SPEC, dpi=40)
    assert dict(mpl.rcParams) == before


def test_charts_rendered_at_once_on_threads_match_charts_rendered_one_by_one():
    analyses = [_mixed_signals(target=55.0), _mixed_signals("decrease"), _mixed_signals()]
    specs = [SPEC, ChartSpec("Decrease", improvement="decrease"), ChartSpec("Plain")]
    expected = [render_svg(a, s) for a, s in zip(analyses, specs, strict=True)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(render_svg, analyses * 4, specs * 4))
    assert got == expected * 4


@pytest.mark.parametrize("spec_args", [{"improvement": "up"}, {"multiplier": 0}])
def test_chart_spec_refuses_what_it_cannot_draw(spec_args):
    with pytest.raises(ValueError):
        ChartSpec("Bad", **spec_args)


# The shared worked examples: every one must draw, as SVG and as PNG.


@pytest.mark.parametrize("vector", params())
def test_every_shared_vector_renders_as_svg_and_png(vector):
    analysis = analyse_vector(vector)
    measure = vector["measure"]
    spec = ChartSpec(
        f"Vector {vector['case']}",
        target=measure.get("target"),
        improvement=measure.get("improvement", "neither"),
    )
    root = _root(render_svg(analysis, spec))
    assert [child.tag for child in list(root)[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert root[1].text == chart_description(analysis, spec)
    assert render_svg(analysis, spec, narrow=True).startswith(b"<?xml")
    assert render_png(analysis, spec, dpi=40).startswith(PNG_SIGNATURE)


def test_a_chart_of_a_few_weeks_ticks_its_mondays():
    analysis = analyse(MeasureSettings("run", "anhoej", "count"), _weekly([3, 5, 4]))
    texts = _texts(render_svg(analysis, ChartSpec("Early days", unit="falls")))
    ticks = texts[: texts.index("3.0")]  # x tick labels come first; a label's lines are split
    assert ticks == ["1 Jan", "2024", "8 Jan", "15 Jan"]


@pytest.mark.parametrize(
    ("variation", "improvement", "letter", "colour"),
    [
        ("special_cause_improvement", "increase", "H", "#005eb8"),
        ("special_cause_improvement", "decrease", "L", "#005eb8"),
        ("special_cause_concern", "increase", "L", "#ed8b00"),
        ("special_cause_concern", "decrease", "H", "#ed8b00"),
        ("special_cause_neutral_high", "neither", "H", "#330072"),
        ("common_cause", "increase", "", "#768692"),
    ],
)
def test_variation_icon_letter_and_colour_follow_the_direction(
    variation, improvement, letter, colour
):
    from measurement.charts.icons import variation_icon

    icon = variation_icon(variation, improvement)
    assert (icon.letter, icon.colour) == (letter, colour)
    assert icon.arrow == {"H": 1, "L": -1, "": 0}[letter]
