"""England's 15 collaboratives as a tile map: where each region's tile sits, and the five equal
bands its figure is shaded by.

No boundaries: each collaborative is one tile on a 5 × 5 grid, placed roughly where it lies
(the North East and North Cumbria at the top, the South West at the bottom left, Kent Surrey
Sussex at the bottom right, London's three beside it). Keyed by the regions' slugs, which never
change (regions/migrations/0002). Pure: no Django.
"""

from dataclasses import dataclass

COLUMNS = 5
ROWS = 5
BANDS = 5


@dataclass(frozen=True)
class Place:
    column: int  # 1 (west) to COLUMNS (east)
    row: int  # 1 (north) to ROWS (south)
    short: str  # the tile's label


PLACES = {
    "north-east-north-cumbria": Place(3, 1, "NE and N Cumbria"),
    "innovation-agency-nwc": Place(2, 2, "North West Coast"),
    "yorkshire-humber": Place(3, 2, "Yorkshire and Humber"),
    "greater-manchester": Place(2, 3, "Greater Manchester"),
    "east-midlands": Place(3, 3, "East Midlands"),
    "eastern": Place(4, 3, "Eastern"),
    "west-midlands": Place(2, 4, "West Midlands"),
    "oxford": Place(3, 4, "Oxford"),
    "imperial-college-health-partners": Place(4, 4, "Imperial"),
    "uclpartners": Place(5, 4, "UCL Partners"),
    "south-west": Place(1, 5, "South West"),
    "west-of-england": Place(2, 5, "West of England"),
    "wessex": Place(3, 5, "Wessex"),
    "health-innovation-network": Place(4, 5, "Health Innovation Network"),
    "kent-surrey-sussex": Place(5, 5, "Kent Surrey Sussex"),
}


@dataclass(frozen=True)
class Band:
    number: int  # 1 (lightest, lowest) to BANDS (darkest, highest)
    low: int
    high: int


def band_of(value: int, top: int) -> int:
    """The band of `value` among figures from 0 to `top`: five equal widths, `top` in the last.
    With nothing above 0, every figure is in the first."""
    if top <= 0:
        return 1
    return min(BANDS - 1, max(value, 0) * BANDS // top) + 1


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def bands(top: int) -> list[Band]:
    """The bands in which some whole number from 0 to `top` falls, lowest first: band k holds
    the values v with (k - 1) × top / 5 ≤ v < k × top / 5, and the fifth holds `top` too."""
    if top <= 0:
        return [Band(1, 0, 0)]
    found = []
    for k in range(BANDS):
        low = _ceil_div(k * top, BANDS)
        high = top if k == BANDS - 1 else _ceil_div((k + 1) * top, BANDS) - 1
        if low <= high:
            found.append(Band(k + 1, low, high))
    return found


def extremes(named: list[tuple[str, int]]) -> tuple[list[str], list[str]]:
    """The names with the highest figure and those with the lowest, each in the order given."""
    if not named:
        return [], []
    values = [value for _, value in named]
    top, bottom = max(values), min(values)
    return (
        [name for name, value in named if value == top],
        [name for name, value in named if value == bottom],
    )
