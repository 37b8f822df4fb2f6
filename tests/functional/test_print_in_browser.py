"""The project page, a measure's page and the dashboards printed from Chromium (print media):
no navigation, buttons, forms or footer; link addresses not printed; charts and tables kept
whole. And the project page's "Download report (PDF)" link downloads the report."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible_at_both_widths
from tests.integration.test_project_report import a_measure, a_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_IN_PRINT = (
    ".nhsuk-header__navigation",
    ".nhsuk-footer",
    ".nhsuk-breadcrumb",
    ".nhsuk-button",
    "form",
)


def shown(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(
        selector, "els => els.map(e => getComputedStyle(e).display !== 'none')"
    )


def link_addresses_printed(page) -> list[str]:
    return page.eval_on_selector_all(
        "main a[href]",
        "els => els.map(e => getComputedStyle(e, '::after').content)"
        ".filter(c => c && c !== 'none' && c !== 'normal')",
    )


def assert_prints_as_a_document(page, where: str) -> None:
    page.emulate_media(media="screen")
    assert any(shown(page, ".nhsuk-header__navigation")), f"{where}: no navigation on screen"
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert not any(shown(page, selector)), f"{where} prints {selector}"
    expect(page.locator("h1")).to_be_visible()
    assert link_addresses_printed(page) == [], where
    kept_whole = page.eval_on_selector_all(
        "main table, main figure",
        "els => els.map(e => getComputedStyle(e).breakInside)",
    )
    assert kept_whole and set(kept_whole) == {"avoid"}, f"{where}: {kept_whole}"
    page.emulate_media(media="screen")


@pytest.mark.slow
def test_the_project_and_measure_pages_and_the_dashboard_print_as_documents(page, sign_in):
    admin = UserFactory(username="nhsi.admin", national_role="admin")
    project = a_project()
    measure = a_measure(project, admin, "Falls with harm per 1,000 bed-days")
    sign_in("nhsi.admin")

    page.goto(f"/projects/{project.pk}/")
    expect(page.locator("h1")).to_have_text("Fewer falls on the wards")
    assert_prints_as_a_document(page, "the project page")
    link = page.get_by_role("link", name="Download report (PDF) of Fewer falls on the wards")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"project-{project.pk}-report.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert_accessible_at_both_widths(page, "the project page with its report link")

    page.goto(f"/measures/{measure.pk}/")
    expect(page.locator("h1")).to_contain_text("Falls with harm per 1,000 bed-days")
    assert_prints_as_a_document(page, "a measure's page")

    page.goto("/dashboard/")
    expect(page.locator("h1")).to_be_visible()
    assert_prints_as_a_document(page, "the national dashboard")
