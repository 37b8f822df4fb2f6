"""The national dashboard's tile map: each region's figure for the chosen figure in text on its
tile, bands in words, the same figures in a table beside it, and no query of its own."""

import re

import pytest

from reporting.presenters import tile_map as presenter
from reporting.tile_map import PLACES
from tests.integration.test_dashboards import (  # noqa: F401 (the figures fixture)
    NATIONAL,
    YEAR,
    Tables,
    figures,
    page,
    queries_for,
    region_figures,
)

pytestmark = pytest.mark.usefixtures("figures")

TILE = re.compile(
    r'<li class="app-tile-map__tile app-tile-map__col-(\d) app-tile-map__row-(\d) '
    r'app-tile-map__band-(\w+)[^"]*">\s*<a class="app-tile-map__link" href="([^"]*)">(.*?)</a>',
    re.S,
)


def tiles(body: str) -> dict[str, dict]:
    """Each tile by the region its link leads to: place, band, and its text as read aloud."""
    found = {}
    for column, row, band, href, inner in TILE.findall(body):
        slug = re.search(r"/dashboard/([\w-]+)/", href).group(1)
        text = " ".join(re.sub(r"<[^>]+>", "", inner).split())
        value = re.search(r'app-tile-map__value">([^<]*)<', inner).group(1)
        found[slug] = {"place": (int(column), int(row)), "band": band, "text": text, "value": value}
    return found


def expected(metric: str) -> dict[str, int]:
    """Each region's stored figure (the fixture stores region n of the slugs in order)."""
    return {slug: region_figures(n)[metric] for n, slug in enumerate(sorted(PLACES))}


def map_table(body: str) -> list[list[str]]:
    return next(t for t in Tables(body).tables if t and t[0][-1] == "Shade on the map")


def test_every_tile_says_its_regions_people_trained_by_default(client_for, national_viewer):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}")
    shown = tiles(body)
    assert set(shown) == set(PLACES)
    for slug, value in expected("staff_trained.total").items():
        assert shown[slug]["value"] == f"{value:,}"
        assert shown[slug]["place"] == (PLACES[slug].column, PLACES[slug].row)
        assert "people trained" in shown[slug]["text"]
    assert re.search(r'<option value="people_trained"\s+selected', body)


def test_choosing_a_figure_shades_and_labels_the_tiles_by_it(client_for, national_viewer):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&map=projects_started")
    shown = tiles(body)
    started = expected("projects_started")
    top = max(started.values())
    for slug, value in started.items():
        assert shown[slug]["value"] == str(value)
        edges_reached = sum(value * 5 >= k * top for k in range(1, 5))
        assert shown[slug]["band"] == str(1 + edges_reached)
        assert f"{PLACES[slug].short}" in shown[slug]["text"]
        assert f": {value} projects started, " in shown[slug]["text"]
    highest = max(started, key=started.get)
    assert shown[highest]["band"] == "5" and "darkest shade" in shown[highest]["text"]
    rows = map_table(body)[1:]
    assert [int(value) for _, value, _ in rows] == sorted(started.values(), reverse=True)
    assert len(rows) == 15


def test_the_map_says_its_bands_and_extremes_in_words(client_for, national_viewer):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&map=projects_started")
    started = expected("projects_started")
    top = max(started.values())
    assert f"Darkest shade: {-(-4 * top // 5)} to {top}" in body
    assert "Lightest shade: 0 to" in body
    names = {"yorkshire-humber": "Yorkshire and Humber", "east-midlands": "East Midlands"}
    highest, lowest = max(started, key=started.get), min(started, key=started.get)
    assert f"highest {names[highest]} ({top})" in body
    assert f"lowest {names[lowest]} ({started[lowest]})" in body


def test_each_tile_links_to_its_regions_dashboard_keeping_the_year(client_for, national_viewer):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&map=projects_active")
    links = set(re.findall(r'class="app-tile-map__link" href="([^"]*)"', body))
    assert links == {f"/dashboard/{slug}/?year={YEAR}" for slug in PLACES}


def test_an_unknown_figure_falls_back_to_people_trained_and_says_so(client_for, national_viewer):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&map=bed_days")
    assert "The map cannot be shaded by “bed_days”, so it shows people trained." in body
    shown = tiles(body)
    for slug, value in expected("staff_trained.total").items():
        assert shown[slug]["value"] == f"{value:,}"


def test_completions_under_a_topic_are_not_counted_and_the_map_says_so(client_for, national_viewer):
    body = page(
        client_for(national_viewer),
        f"{NATIONAL}?year={YEAR}&topic=falls&map=projects_completed",
    )
    assert {tile["band"] for tile in tiles(body).values()} == {"none"}
    assert "not counted by project topic, so the map is not shaded" in body
    assert '<input type="hidden" name="topic" value="falls">' in body


def test_the_map_costs_no_query_of_its_own(client_for, national_viewer, monkeypatch):
    client = client_for(national_viewer)
    url = f"{NATIONAL}?year={YEAR}&map=organisations_engaged"
    client.get(url)
    with_map = queries_for(client, url)
    monkeypatch.setattr(presenter, "tile_map", lambda *args, **kwargs: None)
    without_map = queries_for(client, url)
    assert "app-tile-map__tile" not in page(client, url)
    assert with_map == without_map


def test_each_figure_choice_is_kept_apart_in_the_cache(client_for, national_viewer):
    client = client_for(national_viewer)
    page(client, f"{NATIONAL}?year={YEAR}&map=projects_started")
    body = page(client, f"{NATIONAL}?year={YEAR}&map=organisations_engaged")
    engaged = expected("organisations_engaged.total")
    assert {slug: int(t["value"]) for slug, t in tiles(body).items()} == engaged


def test_a_regional_lead_sees_the_region_table_without_the_map(client_for, wessex_lead):
    body = page(client_for(wessex_lead), f"{NATIONAL}?year={YEAR}")
    assert "Map of the regions" not in body
    assert "Figures by region" in body
