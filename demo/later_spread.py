"""The catalogue's changes keep spreading after the brochure's years: each later year, a few
more organisations of the kind each change suits take up ward huddles, drinks rounds, the
PaperWeight armband, two-person swab counts and mental health huddles (none of the entries the
brochure's spreads count). Seeded, so every run writes the same rows."""

import random
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from demo import later_years
from learning.models import Adoption, AdoptionSource, AdoptionStatus, ChangeEntry
from regions.models import Organisation, OrganisationType

SPREADING = {
    "ward-safety-huddle": OrganisationType.ACUTE_TRUST,
    "two-person-swab-count": OrganisationType.ACUTE_TRUST,
    "mental-health-safety-huddle": OrganisationType.MENTAL_HEALTH_TRUST,
    "structured-drinks-rounds": OrganisationType.CARE_HOME,
    "paperweight-armband": OrganisationType.COMMUNITY_TRUST,
}
NOTE = "Took it up from the catalogue of changes"
FIRST_YEAR = 2018  # the brochure's spreads end in 2017/18


def _status(adopted_on: date, today: date) -> str:
    if adopted_on > today - timedelta(days=120):
        return AdoptionStatus.TESTING
    if adopted_on < today - timedelta(days=420):
        return AdoptionStatus.SUSTAINED
    return AdoptionStatus.IMPLEMENTED


def _adoptions(entry: ChangeEntry, pool: list[int], today: date, rng) -> list[Adoption]:
    candidates = rng.sample(pool, len(pool))
    adoptions = []
    for year in [FIRST_YEAR, *later_years.later_years(today)]:
        first, last = date(year, 4, 1), later_years.last_day(year, today)
        for _ in range(1 + round(3 * later_years.pace(year, today))):
            if not candidates:
                return adoptions
            day = first + timedelta(days=rng.randrange((last - first).days + 1))
            adoptions.append(
                Adoption(
                    organisation_id=candidates.pop(),
                    entry=entry,
                    adopted_on=day,
                    status=_status(day, today),
                    source=AdoptionSource.ELSEWHERE,
                    source_note=NOTE,
                )
            )
    return adoptions


def seed_later_spread(entries: dict[str, ChangeEntry], today: date, seed: int = 2016) -> int:
    """Writes the later years' adoptions; returns how many."""
    rng = random.Random(seed)
    taken = set(
        Adoption.objects.filter(entry__slug__in=SPREADING).values_list(
            "entry__slug", "organisation_id"
        )
    )
    adoptions = []
    for slug, kind in SPREADING.items():
        if slug not in entries:
            continue
        pool = list(
            Organisation.objects.filter(type=kind).order_by("pk").values_list("pk", flat=True)
        )
        pool = [pk for pk in pool if (slug, pk) not in taken]
        adoptions += _adoptions(entries[slug], pool, today, rng)
    return len(bulk_create_with_history(adoptions, Adoption))
