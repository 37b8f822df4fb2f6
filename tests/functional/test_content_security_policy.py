"""Every page works under the strict Content-Security-Policy: a real browser, the demo's data,
and a listener for `securitypolicyviolation` set before any page script runs, read after each
page loads and after htmx swaps (a grid save, a diagram change, the portfolio's suggestions).
The browser's console is watched too, for its own policy messages."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from tests.functional.diagram_steps import add_primary
from tests.support.pages import SIGNED_OUT_PAGES, USERNAME, pages, seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_FOR_VIOLATIONS = """
window.__policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__policyViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || "inline"}` +
    ` (${event.sourceFile || document.location.pathname}:${event.lineNumber})` +
    (event.sample ? `: ${event.sample}` : "")
  );
});
"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy|Permissions.Policy|permissions policy", re.I)


class PolicyWatch:
    """What the browser refused, and what its console said about either policy, per page."""

    def __init__(self, page):
        self.page, self.console = page, []
        page.add_init_script(WATCH_FOR_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        if POLICY_MESSAGE.search(message.text):
            self.console.append(message.text)

    def refused(self) -> list[str]:
        seen = self.page.evaluate("window.__policyViolations || []") + self.console
        self.console = []
        return seen

    def visit(self, url: str) -> list[str]:
        response = self.page.goto(url, wait_until="load")
        headers = response.all_headers()
        assert response.status == 200, url
        assert "script-src 'self'" in headers.get("content-security-policy", ""), url
        assert "camera=()" in headers.get("permissions-policy", ""), url
        if url.endswith("/api/v1/docs/"):  # Swagger UI draws once the schema has come
            expect(self.page.locator(".swagger-ui .info .title")).to_be_visible()
        self.page.wait_for_load_state("networkidle")
        return self.refused()


@pytest.fixture
def demo(fifteen_regions):
    """The demo, on the library and care settings the migrations store (a browser test's
    teardown empties every table; their own idempotent code puts them back)."""
    from django.apps import apps

    for module, create in [
        ("measurement.migrations.0002_national_measure_library", "create_library"),
        ("projects.migrations.0002_care_settings", "create_care_settings"),
    ]:
        getattr(importlib.import_module(module), create)(apps, None)
    seed_demo()


@pytest.fixture
def watch(page):
    return PolicyWatch(page)


def test_every_page_works_under_the_policy_with_nothing_refused(page, sign_in, demo, watch):
    refused = {name: watch.visit(url) for name, url in SIGNED_OUT_PAGES.items()}
    sign_in(USERNAME)
    refused |= {name: watch.visit(url) for name, url in pages().items()}
    assert {name: seen for name, seen in refused.items() if seen} == {}


def test_htmx_swaps_work_under_the_policy_with_nothing_refused(page, sign_in, demo, watch):
    sign_in(USERNAME)
    named = pages()

    watch.visit(named["data-entry grid"])
    cell = page.locator("tbody input[inputmode=decimal]").last
    cell.fill("7")
    with page.expect_response(re.compile(r"/row/")) as saved:
        cell.press("Enter")
    assert saved.value.ok
    page.wait_for_load_state("networkidle")
    grid = watch.refused()

    watch.visit(named["driver diagram"])
    add_primary(page, "Staff know the falls risk of every patient")
    expect(page.locator("#diagram-status")).to_contain_text("Added")
    diagram = watch.refused()

    watch.visit(named["portfolio"])
    page.get_by_label("Organisation name or ODS code").press_sequentially("hosp", delay=30)
    expect(page.locator("#organisation-options option").first).to_be_attached()
    suggestions = watch.refused()

    assert {"grid": grid, "diagram": diagram, "suggestions": suggestions} == {
        "grid": [],
        "diagram": [],
        "suggestions": [],
    }


def test_a_refused_inline_script_is_seen(page, live_server, watch):
    """The watch itself: a page running an inline script of its own is reported."""
    page.route(
        f"{live_server.url}/sign-in/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Security-Policy": "script-src 'self'"},
            content_type="text/html",
            body="<p>Here</p><script>document.title = 'ran'</script>",
        ),
    )
    page.goto("/sign-in/")
    expect(page.get_by_text("Here")).to_be_visible()
    assert page.title() != "ran"
    assert any("script-src" in seen for seen in watch.refused())
