"""core.pdf: HTML to a tagged PDF whose text is real text, fetching nothing from the network."""

import io

import pypdf
import pytest

from core.pdf import LocalFetcher, Refused, html_to_pdf

PAGE = """<!doctype html><html lang="en-GB"><head><title>Falls at Riverside</title></head>
<body><h1>Reduce falls on ward 7</h1><p>Adopt the <strong>bay nursing</strong> change.</p>
<table><caption>Points</caption><tr><th>Week</th><th>Falls</th></tr><tr><td>1</td><td>4</td></tr>
</table><svg width="120" height="40"><rect width="60" height="20" fill="#005eb8"/>
<text x="4" y="36">Median 3</text></svg></body></html>"""


def _reader(html: str, **kwargs) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(html_to_pdf(html, **kwargs)))


def test_the_pdf_is_tagged_with_the_pages_language_and_title():
    reader = _reader(PAGE)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/Type"] == "/StructTreeRoot"
    assert tree["/K"]  # a structure, not an empty root
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == "Falls at Riverside"


def test_its_text_is_real_text_including_the_svgs():
    text = " ".join(page.extract_text() for page in _reader(PAGE).pages)
    for words in ("Reduce falls on ward 7", "bay nursing", "Falls", "Median 3"):
        assert words in text


def test_extra_stylesheets_apply():
    plain = _reader(PAGE)
    hidden = _reader(PAGE, stylesheets=["h1 { display: none }"])
    assert "Reduce falls" in plain.pages[0].extract_text()
    assert "Reduce falls" not in hidden.pages[0].extract_text()


def test_a_network_image_is_left_out_not_fetched(monkeypatch):
    asked = []
    monkeypatch.setattr("urllib.request.OpenerDirector.open", lambda *a, **k: asked.append(a))
    html = PAGE.replace("</h1>", '</h1><img src="http://169.254.169.254/latest" alt="remote">')
    text = _reader(html).pages[0].extract_text()
    assert asked == []
    assert "Reduce falls on ward 7" in text


def test_files_are_read_only_below_the_documents_folder(tmp_path):
    inside = tmp_path / "inside"
    inside.mkdir()
    fetcher = LocalFetcher(inside)
    (inside / "a.css").write_text("h1 { color: red }")
    assert fetcher.fetch((inside / "a.css").as_uri()).read() == b"h1 { color: red }"
    with pytest.raises(Refused):
        fetcher.fetch((tmp_path / "outside.css").as_uri())
    with pytest.raises(Refused):
        fetcher.fetch((inside / ".." / "outside.css").as_uri())
    with pytest.raises(Refused):
        LocalFetcher(None).fetch("file:///etc/passwd")
    with pytest.raises(Refused):
        fetcher.fetch("https://example.org/x.png")
