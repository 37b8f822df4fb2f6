"""SVG for pages under a strict Content-Security-Policy: style attributes become presentation
attributes.

matplotlib writes `style="fill: #005eb8; stroke: #005eb8"`; a page whose policy has no
'unsafe-inline' for styles drops those, drawing every shape black. Presentation attributes
(`fill="#005eb8"`) say the same and are not styles. Pure: no Django.
"""

from __future__ import annotations

import re
from html import unescape
from xml.sax.saxutils import quoteattr

# The CSS properties SVG 2 also takes as presentation attributes (plus `font`, split below).
PRESENTATION = frozenset(
    """alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-rendering cursor direction display dominant-baseline fill
    fill-opacity fill-rule filter flood-color flood-opacity font-family font-size
    font-size-adjust font-stretch font-style font-variant font-weight image-rendering
    letter-spacing lighting-color marker-end marker-mid marker-start mask opacity overflow
    paint-order pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray
    stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity
    stroke-width text-anchor text-decoration text-rendering transform-origin unicode-bidi
    vector-effect visibility white-space word-spacing writing-mode""".split()  # noqa: SIM905
)
# An opening tag, its attribute values quoted either way (so a ">" inside one is no end).
OPENING_TAG = re.compile(r"""<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
STYLE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# A declaration ends at a ";" outside quotes and brackets.
DECLARATION = re.compile(r"""((?:[^;"'(]|"[^"]*"|'[^']*'|\([^)]*\))+)""")
FONT_STYLES = {"italic", "oblique"}
FONT_WEIGHTS = {"bold", "bolder", "lighter", *(str(n) for n in range(100, 1000, 100))}
FONT_STRETCHES = {
    "ultra-condensed", "extra-condensed", "condensed", "semi-condensed",
    "semi-expanded", "expanded", "extra-expanded", "ultra-expanded",
}  # fmt: skip
FONT_SIZE = re.compile(r"^(?:[\d.]+(?:px|pt|em|rem|ex|%)|(?:xx?-)?(?:small|large)|medium|0)(?:/|$)")


def declarations(style: str) -> dict[str, str]:
    """A style attribute's declarations, in order; a later one for a property wins, as in CSS."""
    found = {}
    for part in DECLARATION.findall(style):
        name, colon, value = part.partition(":")
        if colon and name.strip():
            found[name.strip().lower()] = value.strip()
    return found


def font_shorthand(value: str) -> dict[str, str]:
    """`font: italic 700 12px/1.2 'DejaVu Sans', sans-serif` as its longhand properties (the
    line height has no presentation attribute; SVG text has no use for it)."""
    words = value.split()
    longhand = {}
    for at, word in enumerate(words):
        if FONT_SIZE.match(word):
            longhand["font-size"] = word.split("/")[0]
            longhand["font-family"] = " ".join(words[at + 1 :])
            return longhand
        if word in FONT_STYLES:
            longhand["font-style"] = word
        elif word in FONT_WEIGHTS:
            longhand["font-weight"] = word
        elif word in FONT_STRETCHES:
            longhand["font-stretch"] = word
        elif word == "small-caps":
            longhand["font-variant"] = word
        elif word != "normal":
            break
    raise ValueError(f"Cannot read the font shorthand {value!r}.")


def presentation_attributes(style: str) -> dict[str, str]:
    """A style attribute's value as presentation attributes; a property SVG has no attribute
    for is an error, not silently dropped."""
    attributes = {}
    for name, value in declarations(unescape(style)).items():
        if name == "font":
            attributes.update(font_shorthand(value))
        elif name in PRESENTATION:
            attributes[name] = value
        else:
            raise ValueError(f"SVG has no presentation attribute for {name!r}.")
    return attributes


def _restyle(tag: str) -> str:
    style = STYLE.search(tag)
    if not style:
        return tag
    attributes = presentation_attributes(style.group(1) or style.group(2) or "")
    rest = tag[: style.start()] + tag[style.end() :]
    for name in attributes:  # the style said last, so it wins over an attribute already there
        rest = re.sub(rf"""\s{re.escape(name)}\s*=\s*(?:"[^"]*"|'[^']*')""", "", rest)
    written = "".join(f" {name}={quoteattr(value)}" for name, value in attributes.items())
    end = len(rest) - (2 if rest.endswith("/>") else 1)
    return rest[:end].rstrip() + written + rest[end:]


def without_style_attributes(svg: str) -> str:
    """The SVG markup with every style attribute turned into presentation attributes."""
    return OPENING_TAG.sub(lambda match: _restyle(match.group(0)), svg)
