"""How far a change has spread: organisations adopting it over time, by region and by type,
and the sentence that says it ("From 4 to 28 hospitals").

An organisation counts as adopting from its adoption's date while the adoption is testing,
implemented or sustained (learning.models.ADOPTING_STATUSES: a plan is not yet adoption, and an
abandoned change has stopped spreading there). An organisation with several adoptions (a
programme's package and some of its entries) counts once, from the earliest.

Pure: no Django (an import-linter contract keeps it so); the presenter turns adoptions into
`AdoptionFact`s.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

# learning.models.ADOPTING_STATUSES, as text (a test keeps the two the same).
ADOPTING = frozenset({"testing", "implemented", "sustained"})

# What the programme calls organisations of one type, singular and plural.
NOUNS = {
    "acute_trust": ("hospital", "hospitals"),
    "mental_health_trust": ("mental health trust", "mental health trusts"),
    "community_trust": ("community trust", "community trusts"),
    "ambulance_trust": ("ambulance service", "ambulance services"),
    "primary_care": ("GP practice", "GP practices"),
    "care_home": ("care home", "care homes"),
    "commissioner": ("commissioner", "commissioners"),
    "local_authority": ("local authority", "local authorities"),
}
MIXED = ("organisation", "organisations")


@dataclass(frozen=True)
class AdoptionFact:
    organisation_id: int
    organisation: str  # its name, for the table
    type: str  # regions.models.OrganisationType value
    region: str
    adopted_on: date
    status: str


@dataclass(frozen=True)
class Step:
    """From `on`, `count` organisations are adopting; `added` those who began that day."""

    on: date
    count: int
    added: tuple[str, ...]


@dataclass(frozen=True)
class Breakdown:
    label: str
    before: int
    after: int


def first_adoptions(facts) -> dict[int, AdoptionFact]:
    """Each adopting organisation's earliest adopting adoption."""
    first: dict[int, AdoptionFact] = {}
    for fact in facts:
        if fact.status not in ADOPTING:
            continue
        known = first.get(fact.organisation_id)
        if known is None or fact.adopted_on < known.adopted_on:
            first[fact.organisation_id] = fact
    return first


def cumulative(facts) -> list[Step]:
    """The step series: one step for each date the count of adopting organisations rises."""
    by_day: dict[date, list[str]] = {}
    for fact in first_adoptions(facts).values():
        by_day.setdefault(fact.adopted_on, []).append(fact.organisation)
    steps, count = [], 0
    for day in sorted(by_day):
        count += len(by_day[day])
        steps.append(Step(day, count, tuple(sorted(by_day[day]))))
    return steps


def count_on(facts, day: date) -> int:
    """Organisations adopting on `day` (those that began on it included)."""
    return sum(1 for fact in first_adoptions(facts).values() if fact.adopted_on <= day)


def count_before(facts, day: date) -> int:
    return sum(1 for fact in first_adoptions(facts).values() if fact.adopted_on < day)


def breakdown(facts, key: str, *, start: date, end: date, labels=None) -> list[Breakdown]:
    """Adopting organisations by `key` ("region" or "type") before `start` and on `end`,
    largest first; `labels` names the keys (organisation types' words)."""
    first = list(first_adoptions(facts).values())
    before = Counter(getattr(f, key) for f in first if f.adopted_on < start)
    after = Counter(getattr(f, key) for f in first if f.adopted_on <= end)
    labels = labels or {}
    rows = [
        Breakdown(labels.get(value, value), before[value], after[value])
        for value in after.keys() | before.keys()
    ]
    return sorted(rows, key=lambda row: (-row.after, -row.before, row.label))


def noun(types, count: int) -> str:
    """The word for organisations of these types: "hospitals" when all are acute trusts,
    "organisations" when they are of different types (or none)."""
    kinds = set(types)
    singular, plural_noun = NOUNS.get(kinds.pop(), MIXED) if len(kinds) == 1 else MIXED
    return singular if count == 1 else plural_noun


def spread_sentence(facts, *, start: date, end: date) -> str:
    """ "From 4 to 28 hospitals": organisations adopting before `start`, then on `end`. The
    noun is chosen from the types of the organisations adopting on `end`."""
    first = [f for f in first_adoptions(facts).values() if f.adopted_on <= end]
    before = sum(1 for f in first if f.adopted_on < start)
    after = len(first)
    word = noun((f.type for f in first), after)
    if after == 0:
        return "No organisations adopting yet"
    if before == after:
        return f"Still {after:,} {word}: none added"
    return f"From {before:,} to {after:,} {word}"
