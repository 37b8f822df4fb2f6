"""Regional activity that makes the national dashboard for 2016/17 show the programme's
published figures exactly (shared/README.md), spread over the 15 regions and four quarters,
then two later fixed years and every year after them to the day the seed runs
(demo/later_years.py)."""

import random
from datetime import date, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.fiscal import financial_year_start
from demo import later_years
from demo.allocation import random_split, split
from demo.people import TOWNS
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    Organisation,
    OrganisationEngagement,
    OrganisationType,
    Region,
    TrainingRecord,
)

# The published 2016/17 figures, and the two years after (later years: demo/later_years.py).
YEARS = {
    2016: {
        "training": {
            "safety_culture": 4055,
            "safety_leadership": 936,
            "measurement": 3422,
            "qi_capability": 1240,
            "human_factors": 380,
            "other": 117,
        },
        "qi_levels": {"bronze": 900, "silver": 280, "gold": 60},
        "patients": 400,
        "champions": {"patient_safety_champion": 1510, "q_fellow": 301, "qi_expert": 161},
        "organisations": {"care_home": 333, "primary_care": 635, "provider": 219, "other": 388},
        "culture_assessments": 180,
    },
    2017: {
        "training": {
            "safety_culture": 3900,
            "safety_leadership": 1100,
            "measurement": 3600,
            "qi_capability": 2100,
            "human_factors": 640,
            "other": 260,
        },
        "qi_levels": {"bronze": 1500, "silver": 480, "gold": 120},
        "patients": 520,
        "champions": {"patient_safety_champion": 1210, "q_fellow": 340, "qi_expert": 190},
        "organisations": {"care_home": 160, "primary_care": 240, "provider": 40, "other": 110},
        "culture_assessments": 210,
    },
    2018: {
        "training": {
            "safety_culture": 2500,
            "safety_leadership": 900,
            "measurement": 2800,
            "qi_capability": 2300,
            "human_factors": 700,
            "other": 300,
        },
        "qi_levels": {"bronze": 1600, "silver": 560, "gold": 140},
        "patients": 450,
        "champions": {"patient_safety_champion": 800, "q_fellow": 290, "qi_expert": 160},
        "organisations": {"care_home": 120, "primary_care": 150, "provider": 25, "other": 80},
        "culture_assessments": 160,
    },
}
COURSES = {
    "safety_culture": "Patient safety culture workshop",
    "safety_leadership": "Safety leadership programme",
    "measurement": "Measurement for improvement",
    "qi_capability": "QI capability: {level} level",
    "human_factors": "Human factors and SBAR",
    "other": "Patient safety awareness session",
}
PROVIDER_KINDS = [
    OrganisationType.ACUTE_TRUST,
    OrganisationType.MENTAL_HEALTH_TRUST,
    OrganisationType.COMMUNITY_TRUST,
    OrganisationType.AMBULANCE_TRUST,
]
OTHER_KINDS = [
    OrganisationType.COMMISSIONER,
    OrganisationType.LOCAL_AUTHORITY,
    OrganisationType.VOLUNTARY_SECTOR,
    OrganisationType.UNIVERSITY,
    OrganisationType.INDUSTRY,
    OrganisationType.PATIENT_GROUP,
]
ORGANISATION_NAMES = {
    "care_home": "{town} {street} Care Home",
    "primary_care": "{street} Medical Practice, {town}",
    "provider": "{town} {street} NHS Trust",
    "other": "{town} {street} Partnership",
}
STREETS = [
    "Oak",
    "Elm",
    "Mill",
    "Station",
    "Church",
    "Park",
    "Victoria",
    "Castle",
    "Bridge",
    "Meadow",
    "Abbey",
    "Orchard",
    "Riverside",
    "Market",
    "Priory",
    "Hill",
    "Grange",
    "Beech",
    "Willow",
    "Chapel",
]
# A street name already taken in a town and group takes the next of these after it, then a
# number: every organisation's name is its own.
STREET_KINDS = ["", "Road", "Lane", "Street", "Avenue", "Green", "Way", "Close", "Rise", "Square"]
DOUBLE_ENGAGED = 25  # organisations engaged by two regions in 2016/17: counted once nationally


def _day_in(
    year: int, rng: random.Random, quarter: int | None = None, last: date | None = None
) -> date:
    """A day of the year (or of its quarter), none after `last` (the seed's day)."""
    first, span = date(year, 4, 1), 365
    if quarter is not None:
        first = [date(year, 4, 1), date(year, 7, 1), date(year, 10, 1), date(year + 1, 1, 1)]
        first, span = first[quarter - 1], 90
    if last is not None:
        span = max(1, min(span, (last - first).days + 1))
    return first + timedelta(days=rng.randrange(span))


def _quarters(last: date | None) -> int:
    """Quarters of the year begun by `last` (all four for a year that has ended)."""
    if last is None:
        return 4
    return len(later_years.open_quarters(financial_year_start(last), last))


def _training(year: int, plan: dict, regions, weights, rng, last=None) -> list[TrainingRecord]:
    records = []
    for training_type, total in plan["training"].items():
        if training_type == "qi_capability":
            parts = [(level, n) for level, n in plan["qi_levels"].items()]
        else:
            parts = [("", total)]
        for level, amount in parts:
            for region, share in zip(regions, split(amount, weights), strict=True):
                quarters = random_split(share, _quarters(last), rng)
                for quarter, people in enumerate(quarters, start=1):
                    if people:
                        records.append(
                            TrainingRecord(
                                region=region,
                                date=_day_in(year, rng, quarter, last),
                                course=COURSES[training_type].format(level=level),
                                qi_level=level,
                                training_type=training_type,
                                people_trained=people,
                            )
                        )
    _give_patients(records, plan["patients"], rng)
    return records


def _give_patients(records: list[TrainingRecord], patients: int, rng) -> None:
    """Patients and carers attended some sessions; never more than the people trained."""
    eligible = [r for r in records if r.training_type in ("safety_culture", "other")]
    rng.shuffle(eligible)
    for record in eligible:
        given = min(patients, record.people_trained // 4)
        record.patients_trained, patients = given, patients - given
    if patients:
        raise ValueError("Not enough places to seat the demo patients")


def _champions(year, plan, regions, weights, rng, last=None) -> list[ChampionRecruitment]:
    records = []
    for kind, total in plan["champions"].items():
        for region, share in zip(regions, split(total, weights), strict=True):
            quarters = random_split(share, _quarters(last), rng)
            for quarter, count in enumerate(quarters, start=1):
                if count:
                    day = _day_in(year, rng, quarter, last)
                    records.append(
                        ChampionRecruitment(region=region, kind=kind, count=count, date=day)
                    )
    return records


def _culture(year, plan, regions, weights, rng, last=None) -> list[CultureAssessment]:
    return [
        CultureAssessment(
            region=region,
            date=_day_in(year, rng, last=last),
            tool=rng.choice(["score", "saq", "mapsaf"]),
            team=f"{rng.choice(STREETS)} ward team {n + 1}",
        )
        for region, share in zip(regions, split(plan["culture_assessments"], weights), strict=True)
        for n in range(share)
    ]


GROUP_PREFIX = {"care_home": "CH", "primary_care": "GP", "provider": "TR", "other": "OT"}


def _group_types(group: str) -> list[str]:
    return {
        "care_home": [OrganisationType.CARE_HOME],
        "primary_care": [OrganisationType.PRIMARY_CARE],
        "provider": PROVIDER_KINDS,
        "other": OTHER_KINDS,
    }[group]


class _Register:
    """Finds (or creates) organisations of a region and group not yet engaged by the region."""

    def __init__(self, regions, rng):
        self.rng, self.created, self.counter = rng, [], 0
        self.names = set(Organisation.objects.values_list("name", flat=True))
        self.free = {}
        for organisation in Organisation.objects.filter(region__in=regions):
            for group in GROUP_PREFIX:
                if organisation.type in _group_types(group):
                    self.free.setdefault((organisation.region_id, group), []).append(organisation)

    def take(self, region: Region, number: int, group: str, count: int) -> list[Organisation]:
        pool = self.free.setdefault((region.pk, group), [])
        while len(pool) < count:
            self.counter += 1
            town = TOWNS[region.slug][self.counter % 2]
            organisation = Organisation(
                name=self._name(group, town, self.rng.choice(STREETS)),
                type=self.rng.choice(_group_types(group)),
                region=region,
                ods_code=f"{GROUP_PREFIX[group]}{number:02d}{self.counter:04d}",
            )
            self.created.append(organisation)
            pool.append(organisation)
        taken, pool[:] = pool[:count], pool[count:]
        return taken

    def _name(self, group: str, town: str, street: str) -> str:
        """The group's name for the street, or for the first of its kinds not yet taken."""
        number = 1
        while True:
            for kind in STREET_KINDS:
                place = f"{street} {kind}".strip() + (f" {number}" if number > 1 else "")
                name = ORGANISATION_NAMES[group].format(town=town, street=place)
                if name not in self.names:
                    self.names.add(name)
                    return name
            number += 1


def _engagements(plans, regions, weights, rng, lasts) -> list[OrganisationEngagement]:
    register = _Register(regions, rng)
    planned = []  # (region, organisation, day)
    for year, plan in plans.items():
        last = lasts.get(year)
        for group, total in plan["organisations"].items():
            for number, (region, share) in enumerate(
                zip(regions, split(total, weights), strict=True), start=1
            ):
                for organisation in register.take(region, number, group, share):
                    planned.append((region, organisation, _day_in(year, rng, last=last)))
    Organisation.objects.bulk_create(register.created)
    first_year = [p for p in planned if p[2] < date(2017, 4, 1)]
    for region, organisation, day in rng.sample(first_year, DOUBLE_ENGAGED):
        neighbour = regions[(regions.index(region) + 1) % len(regions)]
        planned.append((neighbour, organisation, day))
    routes = ["project", "training", "network"]
    return [
        OrganisationEngagement(
            region=region, organisation=organisation, first_engaged=day, route=rng.choice(routes)
        )
        for region, organisation, day in planned
    ]


def plans_to(today: date) -> tuple[dict[int, dict], dict[int, date]]:
    """Every year's plan to `today`'s, and the last day of the later years' (today's in the
    year under way)."""
    plans, lasts = dict(YEARS), {}
    for year in later_years.later_years(today):
        plans[year] = later_years.activity_plan(YEARS[2018], year, today)
        lasts[year] = later_years.last_day(year, today)
    return plans, lasts


def seed_activity(seed: int = 2016, today: date | None = None) -> int:
    """Creates the activity records once; returns how many it created (0 when present)."""
    if TrainingRecord.objects.exists():
        return 0
    rng = random.Random(seed)
    regions = list(Region.objects.order_by("slug"))
    weights = [rng.uniform(0.6, 1.4) for _ in regions]
    plans, lasts = plans_to(today or timezone.localdate())
    created = 0
    for year, plan in plans.items():
        last = lasts.get(year)
        for model, records in (
            (TrainingRecord, _training(year, plan, regions, weights, rng, last)),
            (ChampionRecruitment, _champions(year, plan, regions, weights, rng, last)),
            (CultureAssessment, _culture(year, plan, regions, weights, rng, last)),
        ):
            created += len(bulk_create_with_history(records, model))
    engagements = _engagements(plans, regions, weights, rng, lasts)
    created += len(bulk_create_with_history(engagements, OrganisationEngagement))
    return created
