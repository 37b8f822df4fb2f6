"""SVG for pages under the strict Content-Security-Policy: matplotlib's style attributes become
presentation attributes that say the same (core/svg.py)."""

import io
import xml.etree.ElementTree as ET

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from core.svg import declarations, font_shorthand, without_style_attributes

SVG = "http://www.w3.org/2000/svg"


def matplotlib_svg() -> str:
    """A small figure using most of what matplotlib writes into style attributes."""
    figure = Figure(figsize=(3, 2))
    ax = figure.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.plot([0, 1, 2], [1, 3, 2], color="#005eb8", linewidth=2, linestyle="--", alpha=0.6)
    ax.add_patch(Rectangle((0.2, 1), 0.5, 1, facecolor="#e8f1f8", edgecolor="#4c6272"))
    ax.text(1, 2, "Falls; with harm", style="italic", weight="bold", ha="center")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text as text, as the app draws it
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue().decode()
    return text[text.index("<svg ") :]


def test_matplotlib_style_attributes_become_the_same_presentation_attributes():
    original = matplotlib_svg()
    converted = without_style_attributes(original)

    after = list(ET.fromstring(converted).iter())
    assert not [element.tag for element in after if "style" in element.attrib]
    before = list(ET.fromstring(original).iter())
    assert sum("style" in element.attrib for element in before) > 5  # lines, patches, text
    # The same elements in the same order; only the style attributes have changed.
    for element, result in zip(before, after, strict=True):
        assert element.tag == result.tag
        said = declarations(element.attrib.pop("style", ""))
        if "font" in said:
            said.update(font_shorthand(said.pop("font")))
        assert result.attrib == {**element.attrib, **said}


def test_the_conversion_covers_dashes_opacity_and_fonts():
    converted = ET.fromstring(without_style_attributes(matplotlib_svg()))
    names = {name for element in converted.iter() for name in element.attrib}
    expected = {"fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity"}
    expected |= {"stroke-linecap", "stroke-linejoin", "font-size", "font-family", "font-weight"}
    assert expected | {"font-style", "text-anchor"} <= names


def test_a_font_shorthand_is_split_into_its_longhand_attributes():
    svg = "<svg xmlns='http://www.w3.org/2000/svg'><text style=\"font: italic 700 12px/1.5 'DejaVu Sans', sans-serif; fill: #212b32\">A</text></svg>"  # noqa: E501
    text = ET.fromstring(without_style_attributes(svg)).find(f"{{{SVG}}}text")
    assert text.attrib == {
        "font-style": "italic",
        "font-weight": "700",
        "font-size": "12px",
        "font-family": "'DejaVu Sans', sans-serif",
        "fill": "#212b32",
    }


def test_the_style_wins_over_an_attribute_already_there_as_it_did_in_the_browser():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="red" style="fill: #005eb8" width="4"/></svg>'  # noqa: E501
    rect = ET.fromstring(without_style_attributes(svg)).find(f"{{{SVG}}}rect")
    assert rect.attrib == {"width": "4", "fill": "#005eb8"}


def test_quoted_and_bracketed_values_keep_their_semicolons_and_colons():
    style = "font-family: 'A; B'; clip-path: url(#p1:x); fill: none"
    assert declarations(style) == {
        "font-family": "'A; B'",
        "clip-path": "url(#p1:x)",
        "fill": "none",
    }


def test_escaped_quotes_in_a_style_come_out_well_formed():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text style="font-family: &quot;Frutiger W01&quot;, Arial">A</text></svg>'  # noqa: E501
    text = ET.fromstring(without_style_attributes(svg)).find(f"{{{SVG}}}text")
    assert text.attrib == {"font-family": '"Frutiger W01", Arial'}


def test_a_property_svg_has_no_attribute_for_is_an_error_not_dropped():
    with pytest.raises(ValueError, match="position"):
        without_style_attributes('<svg><g style="position: absolute"/></svg>')


def test_markup_without_style_attributes_is_left_as_it_is():
    svg = '<svg viewBox="0 0 4 4"><title>a > b</title><rect fill="#005eb8"/></svg>'
    assert without_style_attributes(svg) == svg
