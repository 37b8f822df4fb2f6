"""Organisations, and the people who use the service: national users, two leads per region and
a pool of project team members in each region. Pure: no Django."""

import random
from dataclasses import dataclass, field
from datetime import datetime

from demo.scale.rows import Ids, Table

# (organisation type, share of organisations, ODS letter, name pattern)
ORGANISATION_MIX = [
    ("primary_care", 0.44, "P", "{street} Medical Practice, {town}"),
    ("care_home", 0.30, "C", "{street} Court Care Home, {town}"),
    ("acute_trust", 0.05, "R", "{town} {street} Hospitals NHS Trust"),
    ("mental_health_trust", 0.02, "M", "{town} {street} Mental Health NHS Trust"),
    ("community_trust", 0.02, "N", "{town} {street} Community NHS Trust"),
    ("ambulance_trust", 0.01, "A", "{town} Ambulance Service NHS Trust {n}"),
    ("commissioner", 0.04, "Q", "NHS {town} {street} Commissioning Group"),
    ("local_authority", 0.03, "L", "{town} {street} Council"),
    ("voluntary_sector", 0.04, "V", "{street} Trust for Carers, {town}"),
    ("university", 0.02, "U", "University of {town}, {street} campus"),
    ("industry", 0.01, "I", "{street} Health Technologies, {town}"),
    ("patient_group", 0.02, "G", "{town} {street} Patient Forum"),
]
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
    "Kings",
    "Queens",
    "Forest",
    "Harbour",
    "Moor",
]
FIRST_NAMES = [
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hassan",
    "Isla",
    "Jack",
    "Kiran",
    "Leah",
    "Mo",
    "Niamh",
    "Oliver",
    "Priya",
    "Rhys",
    "Sara",
    "Tom",
    "Zara",
]
LAST_NAMES = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Patel",
    "Roberts",
    "Shah",
    "Taylor",
    "Walker",
    "Wood",
]
USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "national_role",
    "is_api_client",
)
UNUSABLE_PASSWORD = "!scale-data"  # "!" makes Django treat it as unusable: no one signs in
LEADS_PER_REGION = 2
MEMBERS_PER_PROJECT_POOL = 0.6  # team members per project in a region's pool


@dataclass
class People:
    tables: list[Table]
    region_weights: list[float]
    organisations_by_region: dict[int, list[int]] = field(default_factory=dict)
    organisation_names: dict[int, str] = field(default_factory=dict)
    members_by_region: dict[int, list[int]] = field(default_factory=dict)
    leads_by_region: dict[int, list[int]] = field(default_factory=dict)
    national_viewer: int = 0
    national_admin: int = 0


def _organisations(rng, regions, weights, count, ids, joined) -> tuple[Table, dict]:
    table = Table(
        "organisation", ("id", "name", "ods_code", "type", "region_id", "created_at", "updated_at")
    )
    by_region: dict[int, list[int]] = {region_id: [] for region_id, _, _ in regions}
    kinds = [kind for kind, *_ in ORGANISATION_MIX]
    shares = [share for _, share, *_ in ORGANISATION_MIX]
    first = ids.take("organisation", count)
    for n in range(count):
        # Every region gets one organisation before the weights decide the rest.
        region_id, _, towns = regions[n] if n < len(regions) else rng.choices(regions, weights)[0]
        kind = rng.choices(kinds, shares)[0]
        _, _, letter, pattern = ORGANISATION_MIX[kinds.index(kind)]
        name = pattern.format(street=rng.choice(STREETS), town=rng.choice(towns), n=n + 1)
        table.add(first + n, name, f"S{letter}{n + 1:06d}", kind, region_id, joined, joined)
        by_region[region_id].append(first + n)
    return table, by_region


def _user(table: Table, user_id: int, username: str, rng, joined, role: str = "") -> None:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    table.add(
        user_id,
        UNUSABLE_PASSWORD,
        None,
        False,
        username,
        first,
        last,
        f"{username}@example.nhs.uk",
        False,
        True,
        joined,
        role,
        False,
    )


def people(
    rng: random.Random,
    regions: list[tuple[int, str, tuple[str, str]]],
    *,
    organisations: int,
    projects: int,
    ids: Ids,
    joined: datetime,
) -> People:
    """`regions`: (id, slug, two towns) in slug order."""
    weights = [rng.uniform(0.6, 1.4) for _ in regions]
    orgs, orgs_by_region = _organisations(rng, regions, weights, organisations, ids, joined)
    users = Table("user", USER_COLUMNS)
    led = Table("user_regions", ("id", "user_id", "region_id"))
    result = People(
        [orgs, users, led], weights, orgs_by_region, {row[0]: row[1] for row in orgs.rows}
    )
    result.national_viewer = ids.take("user")
    _user(users, result.national_viewer, "scale.national", rng, joined, "viewer")
    result.national_admin = ids.take("user")
    _user(users, result.national_admin, "scale.admin", rng, joined, "admin")
    pool = max(len(regions) * 3, round(projects * MEMBERS_PER_PROJECT_POOL))
    for (region_id, slug, _), weight in zip(regions, weights, strict=True):
        leads = [ids.take("user") for _ in range(LEADS_PER_REGION)]
        for number, user_id in enumerate(leads, start=1):
            _user(users, user_id, f"scale.lead.{slug}.{number}", rng, joined)
            led.add(ids.take("user_regions"), user_id, region_id)
        members = max(3, round(pool * weight / sum(weights)))
        first = ids.take("user", members)
        for n in range(members):
            _user(users, first + n, f"scale.{slug}.{n + 1:05d}", rng, joined)
        result.leads_by_region[region_id] = leads
        result.members_by_region[region_id] = list(range(first, first + members))
    return result
