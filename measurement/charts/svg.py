"""Make matplotlib's SVG accessible: role, title and description first, icons described."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

# matplotlib numbers its groups per figure ("figure_1", "text_12"): the same in every chart.
GENERIC_ID = re.compile(r' id="([A-Za-z][\w.]*_\d+)"')


def accessible_svg(svg: bytes, ident: str, title: str, desc: str, parts: dict[str, str]) -> bytes:
    """Add role="img", <title> and <desc> to the <svg> element, and a <title> to each part.

    `parts` maps an element id (a matplotlib gid) to its description, e.g. the MDC icons.
    matplotlib's numbered ids get the `ident` prefix too, so that charts inlined in one page
    never share an id (the ids it refers to, of clip paths and markers, are already hashed
    with the chart's salt).
    """
    text = GENERIC_ID.sub(rf' id="{ident}-\1"', svg.decode("utf-8"))
    start = text.index("<svg")
    end = text.index(">", start)
    labelled = f"{ident}-title {ident}-desc"
    opening = f'{text[start:end]} role="img" aria-labelledby={quoteattr(labelled)}>'
    heading = (
        f'\n <title id="{ident}-title">{escape(title)}</title>'
        f'\n <desc id="{ident}-desc">{escape(desc)}</desc>'
    )
    text = text[:start] + opening + heading + text[end + 1 :]
    for gid, description in parts.items():
        text = _describe(text, gid, description)
    return text.encode("utf-8")


def _describe(text: str, gid: str, description: str) -> str:
    tag = f'<g id="{gid}">'
    at = text.find(tag)
    if at < 0:
        return text
    at += len(tag)
    return f"{text[:at]}\n   <title>{escape(description)}</title>{text[at:]}"
