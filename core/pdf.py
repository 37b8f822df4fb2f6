"""HTML and CSS to a tagged PDF (PDF/UA-1): real, extractable text with a structure tree.

Every printable document (the project report, the board pack) is an HTML page rendered here,
so they share one PDF variant and one rule for what a document may fetch. The PDF is PDF/UA-1:
tagged (a StructTreeRoot, MarkInfo Marked true), its language and title from the page's
`<html lang>` and `<title>`, so a screen reader reads it in order.

A document fetches nothing from the network: only `data:` URLs and files under `base_url`
(when it is a `file:` folder) are read. Anything else (an `http:` image in a note, say) is left
out with a warning, never fetched. Pure: no Django.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

# WeasyPrint warns about CSS it does not support (our screen stylesheet's grid, say); the
# document still renders. Keep its chatter out of the application's error logs.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

PDF_VARIANT = "pdf/ua-1"


class Refused(ValueError):
    """A document asked for a resource it may not fetch."""


class LocalFetcher(URLFetcher):
    """Fetches `data:` URLs and files below one folder; refuses everything else."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
        self.root = root.resolve() if root is not None else None

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if self.root is None or not path.is_relative_to(self.root):
                raise Refused(f"not under the document's folder: {url}")
        elif scheme != "data":
            raise Refused(f"documents fetch nothing from the network: {url}")
        return super().fetch(url, headers)


def _root(base_url: str | None) -> Path | None:
    if not base_url:
        return None
    parts = urlsplit(base_url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if not parts.scheme:
        return Path(base_url)
    return None


def html_to_pdf(
    html: str,
    base_url: str | None = None,
    *,
    stylesheets: Sequence[str] = (),
) -> bytes:
    """The PDF of `html`, tagged for accessibility (PDF/UA-1).

    `base_url` resolves relative links and images (a `file:` folder, or a plain folder path);
    `stylesheets` are CSS texts applied after the page's own (for print-only rules).
    """
    root = _root(base_url)
    fetcher = LocalFetcher(root)
    if root is not None and not urlsplit(base_url or "").scheme:
        base_url = root.resolve().as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    css = [CSS(string=text, url_fetcher=fetcher) for text in stylesheets]
    return document.write_pdf(
        stylesheets=css,
        pdf_variant=PDF_VARIANT,
        pdf_tags=True,
        custom_metadata=False,
    )
