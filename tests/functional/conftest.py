"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser), with axe-core.

Locally, a machine without chromium skips these with the command to install it; on CI (CI=true)
a missing browser fails, so the pages are always checked for real there.
"""

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: .ci/run installs it with apt-get.")
    pytest.skip("Browser tests need Debian's chromium: sudo apt-get install chromium")


@pytest.fixture(autouse=True)
def regions_for_real_transactions(fifteen_regions):
    """Every browser test runs in real transactions (see tests/conftest.py)."""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # A page load waits for every stylesheet and script; on a 2-core CI machine shared with
    # another test worker that has taken longer than 10 s (the sign-in pause test, Dec 2026).
    page.set_default_navigation_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page):
    from tests.conftest import PASSWORD

    def sign_in_as(username: str):
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")

    return sign_in_as


def axe_violations(page) -> list[dict]:
    """WCAG 2.2 AA violations axe-core finds on the page as it is now."""
    # Run through the DevTools protocol: an added inline <script> is refused by the pages'
    # Content-Security-Policy.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def assert_accessible_at_both_widths(page, where: str = "the page") -> None:
    """axe finds nothing at a desktop's width and a phone's (390 px); the page is left at the
    desktop width the tests start at."""
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert axe_violations(page) == [], f"{where} at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def width_at(page, width: int, height: int = 844) -> int:
    """How wide the page is once the viewport is `width` px and the header has settled: the
    NHS.UK header moves its navigation into "More" from a resize observer, a moment after the
    resize, so a page measured at once can still be as wide as the desktop menu."""
    page.set_viewport_size({"width": width, "height": height})
    # Too wide for good (or a page mid-swap) is left to the caller's assertion, with the figure.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_function(
            f"document.documentElement.scrollWidth <= {width}", timeout=3000, polling=100
        )
    return page.evaluate("document.documentElement.scrollWidth")
