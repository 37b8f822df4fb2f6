"""The national dashboard's tile map in Chromium: a national viewer chooses a figure and the
tiles change (htmx swaps only the map), axe clean at 1280 and 390 px, and on a phone the map
takes the screen's width without scrolling sideways."""

import re

import pytest
from playwright.sync_api import expect

from regions.models import Region
from reporting.tile_map import PLACES
from tests.functional.conftest import assert_accessible_at_both_widths, width_at
from tests.functional.test_dashboards_in_browser import figures  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def stored(metric_of_n) -> dict[str, str]:
    """Each region's short label and its figure as the fixture stores it."""
    slugs = Region.objects.order_by("slug").values_list("slug", flat=True)
    return {PLACES[slug].short: f"{metric_of_n(n):,}" for n, slug in enumerate(slugs)}


def tile_values(page) -> dict[str, str]:
    tiles = page.locator(".app-tile-map__tile")
    expect(tiles).to_have_count(15)
    names = tiles.locator(".app-tile-map__name").all_inner_texts()
    values = tiles.locator(".app-tile-map__value").all_inner_texts()
    return dict(zip(names, values, strict=True))


@pytest.mark.usefixtures("figures")
def test_a_national_viewer_shades_the_map_by_another_figure(page, sign_in, national_viewer):
    sign_in("nhsi.viewer")
    page.goto("/dashboard/?year=2016-17#map")
    expect(page.get_by_role("heading", name="Map of the regions", level=3)).to_be_visible()
    assert tile_values(page) == stored(lambda n: 500 + (n * 7) % 15 * 20)
    figure = page.locator("figure.app-tile-map")
    expect(figure).to_have_accessible_name(re.compile(r"^People trained: highest .+, lowest "))
    assert_accessible_at_both_widths(page, "the map of people trained")

    page.evaluate("window.notReloaded = true")
    page.get_by_label("Shade the map by").select_option(label="Projects started")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(
        page.get_by_role("table", name=re.compile("^Projects started by region"))
    ).to_be_visible()
    page.wait_for_url(re.compile(r"map=projects_started"))
    assert tile_values(page) == stored(lambda n: 20 + n)
    assert page.evaluate("window.notReloaded === true"), "htmx swapped only the map"
    darkest = page.locator(".app-tile-map__tile.app-tile-map__band-5")
    expect(darkest).to_have_count(7)  # 28 to 34 of 20 to 34
    expect(page.get_by_text("Darkest shade: 28 to 34")).to_be_visible()
    assert_accessible_at_both_widths(page, "the map of projects started")

    assert width_at(page, 390) <= 390, "scrolls sideways"
    box = page.locator(".app-tile-map__grid").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    for tile in page.locator(".app-tile-map__tile").all():
        inner = tile.evaluate("t => t.scrollWidth <= t.clientWidth")
        assert inner, f"{tile.inner_text()} overflows its tile"
    page.locator(".app-tile-map__link", has_text="Wessex").click()
    expect(page.get_by_role("heading", name="Wessex", level=1)).to_be_visible()
