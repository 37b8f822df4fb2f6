"""Making Data Count icons for the results page, each with the words that say the same (the
measure page's names for the stored readings), so no state is told by the icon alone."""

from markupsafe import Markup

from learning.results_svg import icon_svg
from measurement.charts.icons import assurance_icon, variation_icon
from measurement.readings import ASSURANCE_NAMES, VARIATION_NAMES


def icons_of(variation: str, assurance: str, improvement: str) -> list[dict]:
    """[{"key", "svg", "words"}]: the variation icon (or "not enough data yet"), then the
    assurance icon where the target was assessed."""
    icons = []
    shown = variation_icon(variation or None, improvement)
    icons.append(
        {
            "key": "Variation",
            "svg": Markup(icon_svg(colour=shown.colour, letter=shown.letter, arrow=shown.arrow))
            if shown
            else None,
            "words": VARIATION_NAMES.get(variation or "", variation),
        }
    )
    assured = assurance_icon(assurance or None)
    if assured:
        icons.append(
            {
                "key": "Assurance",
                "svg": Markup(icon_svg(colour=assured.colour, letter=assured.letter, arrow=0)),
                "words": ASSURANCE_NAMES[assurance],
            }
        )
    return icons


def reading_words(variation: str, assurance: str) -> str:
    """'Variation: special cause improvement. Assurance: consistently meets the target.'"""
    words = VARIATION_NAMES.get(variation or "", variation)
    text = f"Variation: {words[:1].lower()}{words[1:]}."
    if assurance in ASSURANCE_NAMES:
        name = ASSURANCE_NAMES[assurance]
        text += f" Assurance: {name[:1].lower()}{name[1:]}."
    return text
