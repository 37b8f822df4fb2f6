"""The tile map's grid and bands (reporting.tile_map): plain functions, no database."""

import ast
import importlib
from pathlib import Path

import pytest

from reporting import tile_map
from reporting.tile_map import BANDS, COLUMNS, PLACES, ROWS, Band, band_of, bands, extremes

MIGRATION = importlib.import_module("regions.migrations.0002_the_fifteen_collaboratives")


def test_every_region_has_exactly_one_place_on_the_grid():
    slugs = [slug for slug, _, _ in MIGRATION.COLLABORATIVES]
    assert len(slugs) == 15
    assert sorted(PLACES) == sorted(slugs)


def test_no_two_regions_share_a_place_and_every_place_is_on_the_grid():
    places = [(place.column, place.row) for place in PLACES.values()]
    assert len(set(places)) == len(places)
    assert all(1 <= column <= COLUMNS and 1 <= row <= ROWS for column, row in places)


def test_the_tiles_lie_roughly_where_the_regions_do():
    def at(slug):
        return PLACES[slug].column, PLACES[slug].row

    assert at("north-east-north-cumbria")[1] == 1  # the top row
    assert at("kent-surrey-sussex") == (COLUMNS, ROWS)  # bottom right
    assert at("south-west")[0] == 1 and at("south-west")[1] == ROWS  # bottom left
    london = {at(slug) for slug in ("uclpartners", "imperial-college-health-partners")}
    london.add(at("health-innovation-network"))
    assert all(column >= 4 and row >= 4 for column, row in london)  # the south-east cluster


def test_each_tile_has_a_short_label():
    assert all(0 < len(place.short) <= 25 for place in PLACES.values())


def test_five_equal_bands_from_zero_to_the_highest():
    assert bands(100) == [
        Band(1, 0, 19),
        Band(2, 20, 39),
        Band(3, 40, 59),
        Band(4, 60, 79),
        Band(5, 80, 100),
    ]
    assert [band_of(v, 100) for v in (0, 19, 20, 39, 40, 79, 80, 99, 100)] == [
        1, 1, 2, 2, 3, 4, 5, 5, 5,
    ]  # fmt: skip


@pytest.mark.parametrize("top", [*range(1, 41), 97, 1234, 10150])
def test_every_value_falls_in_the_band_whose_range_holds_it(top):
    found = {band.number: band for band in bands(top)}
    for value in range(top + 1):
        band = found[band_of(value, top)]
        assert band.low <= value <= band.high
    ranges = sorted((band.low, band.high) for band in found.values())
    assert ranges[0][0] == 0 and ranges[-1][1] == top
    assert all(a[1] + 1 == b[0] for a, b in zip(ranges, ranges[1:], strict=False))  # no gaps
    assert band_of(top, top) == BANDS


def test_a_small_top_leaves_out_the_bands_no_whole_number_falls_in():
    assert bands(2) == [Band(1, 0, 0), Band(3, 1, 1), Band(5, 2, 2)]
    assert [band_of(v, 2) for v in (0, 1, 2)] == [1, 3, 5]


def test_when_every_figure_is_zero_all_are_in_the_first_band():
    assert bands(0) == [Band(1, 0, 0)]
    assert {band_of(0, 0)} == {1}


def test_equal_figures_share_a_band_and_both_are_named_highest():
    named = [("Wessex", 40), ("Oxford", 40), ("Eastern", 3), ("Kent Surrey Sussex", 3)]
    assert band_of(40, 40) == band_of(40, 40) == 5
    assert band_of(3, 40) == 1
    assert extremes(named) == (["Wessex", "Oxford"], ["Eastern", "Kent Surrey Sussex"])
    assert extremes([]) == ([], [])


def test_the_grid_module_imports_nothing_from_django():
    tree = ast.parse(Path(tile_map.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"dataclasses"}
