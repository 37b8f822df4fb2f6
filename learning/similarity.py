"""How alike two short texts are, by the words they share: the catalogue's simple match where the
database has no full-text search (SQLite). Pure: no Django.

Words are lower-cased, common words dropped and plural or -ing endings trimmed, so "Safety
huddles" and "a safety huddle" share two words. The score is the share of the smaller text's words
found in the other (the overlap coefficient), so a short idea inside a long description scores
high; ties are broken by the words shared.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

_STOP = """a an and are as at be by for from has have in into is it its of on or per so that
the their them then there these this to up use used using was we were when where which who will
with each every all our your new"""
STOP_WORDS = frozenset(_STOP.split())
WORD = re.compile(r"[a-z0-9]+")
SUFFIXES = ("ings", "ing", "ies", "s")


def stem(word: str) -> str:
    """'huddles' -> 'huddle', 'screening' -> 'screen', 'charts' -> 'chart'; short words stay."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            trimmed = word[: -len(suffix)]
            return trimmed + "y" if suffix == "ies" else trimmed
    return word


def words(text: str) -> frozenset[str]:
    """The text's content words, stemmed."""
    return frozenset(
        stem(word)
        for word in WORD.findall(text.lower())
        if word not in STOP_WORDS and len(word) > 1
    )


def score(a: Iterable[str] | str, b: Iterable[str] | str) -> float:
    """0 (nothing shared) to 1 (one text's words all in the other)."""
    first = words(a) if isinstance(a, str) else frozenset(a)
    second = words(b) if isinstance(b, str) else frozenset(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


@dataclass(frozen=True)
class Ranked:
    key: object
    score: float
    shared: int


def rank(query: str, candidates: Iterable[tuple[object, str]], limit: int | None = None):
    """The candidates (key, text) sharing a word with `query`, most alike first."""
    wanted = words(query)
    ranked = []
    for key, text in candidates:
        theirs = words(text)
        shared = len(wanted & theirs)
        if shared:
            ranked.append(Ranked(key, score(wanted, theirs), shared))
    ranked.sort(key=lambda r: (-r.score, -r.shared))
    return ranked[:limit] if limit else ranked
