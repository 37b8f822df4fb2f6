"""Rows as plain tuples under a named table, and explicit ids so rows can refer to each other
before anything is written. Pure: no Django."""

from dataclasses import dataclass, field


@dataclass
class Table:
    """Rows for one table: `key` names it for the writer (e.g. "project" or "project_orgs"),
    `columns` are database column names in the order of each row tuple."""

    key: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)

    def add(self, *values) -> None:
        self.rows.append(values)


class Ids:
    """Hands out ids per table, from the first free id the database reported."""

    def __init__(self, first: dict[str, int]):
        self._next = dict(first)

    def take(self, key: str, count: int = 1) -> int:
        """The first of `count` consecutive ids for `key`."""
        first = self._next.get(key, 1)
        self._next[key] = first + count
        return first
