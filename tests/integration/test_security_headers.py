"""Every page sends a strict Content-Security-Policy and a Permissions-Policy, and holds nothing
inline that the policy would refuse (the browser test, tests/functional/
test_content_security_policy.py, watches for the refusals themselves)."""

from html.parser import HTMLParser

import pytest

from regions.models import User
from tests.support.pages import SIGNED_OUT_PAGES, USERNAME, pages, seed_demo
from tests.unit.test_content_security_policy import NHSUK_BODY_SCRIPT


class InlineFinder(HTMLParser):
    """What a strict policy refuses: style attributes and elements, inline scripts (but NHS.UK
    frontend's, allowed by its hash), event handler attributes, javascript: URLs and hx-on."""

    def __init__(self):
        super().__init__()
        self.found, self._script = [], None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            url = (value or "").strip().lower() if name in ("href", "action", "src") else ""
            script_url = url.startswith("javascript:")
            if name == "style" or name.startswith(("on", "hx-on")) or script_url:
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.found.append("<style>")
        if tag == "script" and not dict(attrs).get("src"):
            self._script = ""

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script.strip() != NHSUK_BODY_SCRIPT:
                self.found.append(f"<script>{self._script.strip()[:80]}")
            self._script = None


def inline_parts(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def problems(response) -> list[str]:
    policy = response.get("Content-Security-Policy", "")
    found = [] if response.status_code == 200 else [f"status {response.status_code}"]
    if not ("default-src 'self'" in policy and "script-src 'self'" in policy):
        found.append(f"policy {policy!r}")
    if "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        found.append(f"unsafe policy {policy!r}")
    if "frame-ancestors 'none'" not in policy or "object-src 'none'" not in policy:
        found.append(f"policy {policy!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        found.append("no Permissions-Policy")
    if response.get("Content-Type", "").startswith("text/html"):
        found += inline_parts(response.content.decode())
    return found


@pytest.fixture
def demo(db):
    seed_demo()


def test_every_page_sends_the_policies_and_holds_nothing_inline(client, demo):
    found = {name: problems(client.get(url)) for name, url in SIGNED_OUT_PAGES.items()}
    client.force_login(User.objects.get(username=USERNAME))
    found |= {name: problems(client.get(url)) for name, url in pages().items()}
    assert {name: found for name, found in found.items() if found} == {}


def test_the_api_and_a_page_not_found_send_the_policies_too(client, db):
    for url in ("/api/v1/projects/", "/api/v1/nowhere/", "/api/v1/docs/?script", "/nowhere/"):
        response = client.get(url)
        assert response.status_code in (401, 404, 200), url
        assert "default-src 'self'" in response["Content-Security-Policy"], url
        assert "camera=()" in response["Permissions-Policy"], url


def test_the_api_docs_alone_may_show_data_images(client, db):
    docs = client.get("/api/v1/docs/")["Content-Security-Policy"]
    assert "img-src 'self' data:" in docs
    assert "data:" not in client.get("/sign-in/")["Content-Security-Policy"]


def test_an_svg_file_may_style_itself_but_load_and_run_nothing(client, demo):
    client.force_login(User.objects.get(username=USERNAME))
    project = pages()["driver diagram"]
    measure = pages()["measure"]
    for url in (f"{project}diagram.svg", f"{measure}chart.svg"):
        response = client.get(url)
        assert response["Content-Type"] == "image/svg+xml", url
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy, url
        assert "script-src" not in policy, url


def test_the_finder_sees_what_the_policy_would_refuse():
    html = (
        '<p style="color: red" onclick="go()"><a href=" JavaScript:go()">a</a></p>'
        "<style>p {}</style><script>go()</script><script src='/static/a.js'></script>"
        f'<div hx-on:click="go()"></div><script>{NHSUK_BODY_SCRIPT}</script>'
    )
    assert inline_parts(html) == [
        "<p style='color: red'>",
        "<p onclick='go()'>",
        "<a href=' JavaScript:go()'>",
        "<style>",
        "<script>go()",
        "<div hx-on:click='go()'>",
    ]
