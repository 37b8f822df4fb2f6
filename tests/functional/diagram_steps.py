"""Steps for building a driver diagram in the browser, shared by the browser tests."""

from playwright.sync_api import expect


def primary_card(page, text):
    return page.locator(".nhsuk-card").filter(has=page.get_by_role("heading", name=text))


def add_primary(page, text):
    page.get_by_label("New primary driver").fill(text)
    page.get_by_role("button", name="Add primary driver").click()
    expect(page.get_by_role("heading", name=text, level=3)).to_be_visible()


def add_secondary(page, primary, text):
    card = primary_card(page, primary)
    section = card.locator("details").filter(has=page.locator("summary", has_text="Add a second"))
    if not section.evaluate("details => details.open"):
        section.locator("summary").click()
    card.get_by_label(f"New secondary driver for “{primary}”").fill(text)
    card.get_by_role("button", name="Add secondary driver").click()
    expect(card.get_by_text(text, exact=True)).to_be_visible()


def add_idea(page, text, serves=()):
    page.get_by_label("New change idea").fill(text)
    choices = page.get_by_role("group", name="Secondary drivers it serves", exact=True)
    for secondary in serves:
        choices.get_by_label(secondary, exact=True).check()
    page.get_by_role("button", name="Add change idea").click()
    expect(page.locator(".app-diagram-editor__ideas").get_by_text(text, exact=True)).to_be_visible()
