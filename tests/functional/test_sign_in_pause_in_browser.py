"""Too many wrong passwords pause signing in: the page says so plainly, names no account, offers
a password reset, refuses even the right password meanwhile, and passes axe at desktop and phone
widths."""

import pytest

from tests.conftest import PASSWORD
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def try_password(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_paused_sign_in_is_explained_and_accessible(page, settings, wessex_lead):
    settings.AXES_FAILURE_LIMIT = 3
    for attempt in range(3):
        try_password(page, "lead.wessex", f"wrong-{attempt}")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Signing in is paused"
    assert "lead.wessex" not in page.content()  # the page is the same for any name
    assert page.get_by_role("link", name="Forgotten your password?").is_visible()

    try_password(page, "lead.wessex", PASSWORD)  # the right one, while paused
    assert page.get_by_role("heading", level=1).inner_text() == "Signing in is paused"
    assert "/sign-in/" in page.url

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], width
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"the page scrolls sideways at {width} px"
