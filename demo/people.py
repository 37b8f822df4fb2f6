"""Demo organisations and people for each collaborative, used by `seed_demo`.

Names are plausible, not real; ODS-style codes are generated from the region and a counter so that
re-running the seed finds the same rows.
"""

from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password

from regions.models import NationalRole, Organisation, OrganisationType, Region, User

# Two towns per region give the organisations recognisable, distinct names.
TOWNS = {
    "east-midlands": ("Nottingham", "Leicester"),
    "eastern": ("Norwich", "Cambridge"),
    "greater-manchester": ("Salford", "Stockport"),
    "health-innovation-network": ("Lambeth", "Croydon"),
    "imperial-college-health-partners": ("Hammersmith", "Hillingdon"),
    "innovation-agency-nwc": ("Blackpool", "Warrington"),
    "kent-surrey-sussex": ("Canterbury", "Brighton"),
    "north-east-north-cumbria": ("Sunderland", "Carlisle"),
    "oxford": ("Oxford", "Milton Keynes"),
    "south-west": ("Exeter", "Plymouth"),
    "uclpartners": ("Islington", "Southend"),
    "wessex": ("Southampton", "Bournemouth"),
    "west-midlands": ("Wolverhampton", "Stoke"),
    "west-of-england": ("Bristol", "Gloucester"),
    "yorkshire-humber": ("Leeds", "Hull"),
}

# (type, name pattern, how many per town)
ORGANISATION_PATTERNS = [
    (OrganisationType.ACUTE_TRUST, "{town} University Hospitals NHS Foundation Trust", 1),
    (OrganisationType.MENTAL_HEALTH_TRUST, "{town} Mental Health NHS Trust", 1),
    (OrganisationType.COMMUNITY_TRUST, "{town} Community Health NHS Trust", 1),
    (OrganisationType.PRIMARY_CARE, "{town} Road Surgery {n}", 3),
    (OrganisationType.CARE_HOME, "{town} Court Care Home {n}", 2),
    (OrganisationType.COMMISSIONER, "NHS {town} Clinical Commissioning Group", 1),
    (OrganisationType.LOCAL_AUTHORITY, "{town} City Council", 1),
]
ODS_PREFIX = {
    OrganisationType.PRIMARY_CARE: "P",
    OrganisationType.CARE_HOME: "V",
    OrganisationType.COMMISSIONER: "Q",
}


def seed_organisations(region: Region, region_number: int) -> int:
    """Creates the region's demo organisations; returns how many were new."""
    created = 0
    for town_number, town in enumerate(TOWNS[region.slug], start=1):
        for type_number, (org_type, pattern, count) in enumerate(ORGANISATION_PATTERNS):
            for n in range(1, count + 1):
                prefix = ODS_PREFIX.get(org_type, "R")
                code = f"{prefix}{region_number:02d}{town_number}{type_number}{n}"
                _, was_created = Organisation.objects.get_or_create(
                    ods_code=code,
                    defaults={
                        "name": pattern.format(town=town, n=n),
                        "type": org_type,
                        "region": region,
                    },
                )
                created += was_created
    return created


@cache
def _password_hash(password: str, hasher: str) -> str:
    """One salted hash for all the demo's users: they share the password anyway, and hashing
    it once rather than for each of some thirty users saves most of the seed's time."""
    return make_password(password)  # with `hasher`, the default: part of the cache's key


def seed_user(username: str, password: str, **fields) -> User:
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    user.password = _password_hash(password, settings.PASSWORD_HASHERS[0])
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def seed_people(password: str) -> list[tuple[str, str]]:
    """The national users and one lead per region; returns (username, role) for the README/log."""
    seed_user(
        "national",
        password,
        first_name="Nia",
        last_name="Viewer",
        national_role=NationalRole.VIEWER,
    )
    seed_user(
        "admin",
        password,
        first_name="Ada",
        last_name="Admin",
        national_role=NationalRole.ADMIN,
        is_staff=True,
        is_superuser=True,
    )
    people = [("national", "national viewer"), ("admin", "national admin")]
    for region in Region.objects.order_by("slug"):
        lead = seed_user(f"lead.{region.slug}", password, first_name="Lead", last_name=region.name)
        lead.led_regions.set([region])
        people.append((lead.username, f"regional lead, {region.name}"))
    return people
