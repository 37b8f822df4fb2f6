"""The board pack as HTML, then as a tagged PDF: a title page, the region's figures, its
measures, signals, spread and stories, and a page per highlighted project."""

from pathlib import Path

from django.template.loader import render_to_string

from core.pdf import html_to_pdf
from reporting.board_packs.contents import Contents

TEMPLATE = "dashboards/board_pack/document.jinja"
STYLESHEET = Path(__file__).with_name("pack.css")


def title(contents: Contents) -> str:
    return f"{contents.region} board pack, {contents.period}"


def html(contents: Contents, *, made_on: str) -> str:
    return render_to_string(
        TEMPLATE, {"pack": contents, "title": title(contents), "made_on": made_on}
    )


def pdf(contents: Contents, *, made_on: str) -> bytes:
    return html_to_pdf(
        html(contents, made_on=made_on), stylesheets=[STYLESHEET.read_text(encoding="utf-8")]
    )
