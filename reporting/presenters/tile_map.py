"""The national dashboard's tile map: the region table's rows as tiles on the grid of
`reporting.tile_map`, shaded in five bands by the figure the reader chooses, with its legend,
its summary in words and the same figures as a table. No queries: the rows are the table's."""

from dataclasses import dataclass

from reporting.presenters.figures import TABLE_COLUMNS, shown
from reporting.presenters.filters import Filters
from reporting.presenters.region_table import TableRow
from reporting.presenters.spread import SPREAD_TABLE_COLUMNS
from reporting.presenters.stories import STORY_TABLE_COLUMNS
from reporting.tile_map import PLACES, band_of, bands, extremes

PARAM = "map"
DEFAULT_FIGURE = "people_trained"
# The figures the dashboard shows by region, in its order: the region table's, then spread's.
MAP_FIGURES = {
    **{column.key: column.short for column in TABLE_COLUMNS},
    **dict(SPREAD_TABLE_COLUMNS),
    **dict(STORY_TABLE_COLUMNS),
}
SHADES = ("Lightest", "Light", "Middle", "Dark", "Darkest")
DARK_BANDS = {4, 5}  # white text on these


@dataclass(frozen=True)
class Tile:
    name: str
    short: str
    href: str
    value: str
    band: int | None  # None: the figure is not counted (completions under a topic)
    shade: str
    classes: str


def read_figure(params) -> tuple[str, str]:
    """The figure asked for by `?map=` and, when it is not one the map offers, what was shown
    instead and why."""
    asked = params.get(PARAM, "")
    if not asked or asked in MAP_FIGURES:
        return asked or DEFAULT_FIGURE, ""
    return DEFAULT_FIGURE, (
        f"The map cannot be shaded by “{asked[:40]}”, so it shows "
        f"{MAP_FIGURES[DEFAULT_FIGURE].lower()}. Choose a figure from the list."
    )


def _band_words(number: int, low: int, high: int) -> str:
    span = shown(low) if low == high else f"{shown(low)} to {shown(high)}"
    return f"{SHADES[number - 1]} shade: {span}"


def _tile(row: TableRow, slug: str, figure: str, top: int) -> Tile:
    place = PLACES[slug]
    value = row.values.get(figure)
    band = None if value is None else band_of(value, top)
    shade = "none" if band is None else str(band)
    dark = " app-tile-map__tile--dark" if band in DARK_BANDS else ""
    return Tile(
        name=row.name,
        short=place.short,
        href=row.href,
        value=shown(value),
        band=band,
        shade=_shade_name(band),
        classes=(
            f"app-tile-map__col-{place.column} app-tile-map__row-{place.row} "
            f"app-tile-map__band-{shade}{dark}"
        ),
    )


def _shade_name(band: int | None) -> str:
    return "Not counted" if band is None else SHADES[band - 1]


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def summary(named: list[tuple[str, int]], label: str) -> str:
    """The highest and lowest regions in words: the map's text alternative."""
    if not named:
        return f"{label} are not counted by project topic, so the map is not shaded."
    highest, lowest = extremes(named)
    top, bottom = max(v for _, v in named), min(v for _, v in named)
    if top == bottom:
        return f"{label}: every region has {shown(top)}."
    each = lambda names: " each" if len(names) > 1 else ""  # noqa: E731
    return (
        f"{label}: highest {_names(highest)} ({shown(top)}{each(highest)}), "
        f"lowest {_names(lowest)} ({shown(bottom)}{each(lowest)})."
    )


def figure_field(figure: str) -> dict:
    return {
        "id": "tile-map-figure",
        "name": PARAM,
        "label": {"text": "Shade the map by"},
        "items": [
            {"value": key, "text": label, "selected": key == figure}
            for key, label in MAP_FIGURES.items()
        ],
    }


def tile_map(
    rows: list[TableRow], slugs: dict[str, str], *, figure: str, message: str, filters: Filters
) -> dict:
    """`rows` are the region table's; `slugs` names each row's region ({name: slug})."""
    placed = [(row, slugs[row.name]) for row in rows if slugs.get(row.name) in PLACES]
    placed.sort(key=lambda pair: (PLACES[pair[1]].row, PLACES[pair[1]].column))
    label = MAP_FIGURES[figure]
    named = [
        (row.name, row.values[figure]) for row, _ in placed if row.values.get(figure) is not None
    ]
    top = max((value for _, value in named), default=0)
    tiles = [_tile(row, slug, figure, top) for row, slug in placed]
    highest_first = sorted(
        (row for row, _ in placed),
        key=lambda row: (row.values.get(figure) is None, -(row.values.get(figure) or 0), row.name),
    )
    band_of_name = {tile.name: tile.band for tile in tiles}
    return {
        "figure": figure,
        "label": label,
        "message": message,
        "field": figure_field(figure),
        "hidden": [
            (key, value)
            for key, value in (
                ("year", filters.year),
                ("quarter", filters.quarter or ""),
                ("topic", filters.topic),
                ("sort", "" if filters.sort == "region" else filters.sort),
            )
            if value
        ],
        "tiles": tiles,
        "legend": [
            {"number": band.number, "words": _band_words(band.number, band.low, band.high)}
            for band in (bands(top) if named else [])
        ],
        "not_counted": len(named) < len(tiles),
        "summary": summary(named, label),
        "rows": [
            {
                "name": row.name,
                "href": row.href,
                "value": shown(row.values.get(figure)),
                "shade": _shade_name(band_of_name[row.name]),
            }
            for row in highest_first
        ],
    }
