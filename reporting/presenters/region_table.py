"""The national dashboard's table of regions, sorted by any column through links."""

from dataclasses import dataclass

from reporting.presenters.figures import TABLE_COLUMNS, Values, shown
from reporting.presenters.filters import Filters


@dataclass(frozen=True)
class Header:
    label: str
    href: str
    aria_sort: str  # "ascending" or "descending" on the sorted column, else ""
    action: str  # read after the label: what following the link does
    numeric: bool


@dataclass(frozen=True)
class TableRow:
    name: str
    href: str
    cells: tuple[str, ...]
    values: Values


def _header(key: str, label: str, sort: str, href) -> Header:
    numeric = key != "region"
    current = sort.removeprefix("-") == key
    descending = sort.startswith("-")
    first = f"-{key}" if numeric else key  # biggest numbers first; names A to Z
    following = (key if descending else f"-{key}") if current else first
    words = ("lowest first", "highest first") if numeric else ("A to Z", "Z to A")
    return Header(
        label=label,
        href=href(following),
        aria_sort=("descending" if descending else "ascending") if current else "",
        action=f"sort {words[following.startswith('-')]}",
        numeric=numeric,
    )


def sorted_rows(rows: list[TableRow], sort: str) -> list[TableRow]:
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    by_name = sorted(rows, key=lambda row: row.name.casefold(), reverse=descending)
    if key == "region":
        return by_name
    known = [row for row in by_name if row.values[key] is not None]
    unknown = [row for row in by_name if row.values[key] is None]
    # Python's sort is stable with reverse too, so equal figures keep their name order.
    return sorted(known, key=lambda row: row.values[key], reverse=descending) + unknown


def table_row(name: str, href: str, values: Values) -> TableRow:
    return TableRow(
        name=name,
        href=href,
        values=values,
        cells=tuple(shown(values[column.key]) for column in TABLE_COLUMNS),
    )


def region_table(rows: list[TableRow], total: TableRow, filters: Filters, page_href: str) -> dict:
    """Headers that sort (a link each, `aria-sort` on the sorted one), the rows in that order,
    and England's row to close the table."""

    def href(sort: str) -> str:
        return f"{page_href}{filters.query(sort=sort)}#regions"

    headers = [
        _header("region", "Region", filters.sort, href),
        *(_header(c.key, c.short, filters.sort, href) for c in TABLE_COLUMNS),
    ]
    return {"headers": headers, "rows": sorted_rows(rows, filters.sort), "total": total}
