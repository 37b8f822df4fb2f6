"""The hospitals the learning demo's spreads need beyond those `people` and `activity` made.

The brochure's Emergency Laparotomy Collaborative spread its bundle to 28 hospitals across three
regions, and the AKI change reached seven more trusts in the North East: the demo adds just
enough acute trusts (and the West of England's ambulance service) for that to be true. Names
are plausible, not real; the ODS-style codes (RX + region number + a counter) match no pattern
the rest of the demo uses, and are found again when the seed runs twice.
"""

from regions.models import Organisation, OrganisationType, Region

# Candidates in the order they are added, per region (the number is the demo's region number,
# as `seed_organisations` numbers regions by slug).
HOSPITALS = {
    "west-of-england": [
        "Bath Royal United Hospitals NHS Foundation Trust",
        "Swindon Great Western Hospitals NHS Foundation Trust",
        "Weston Area Health NHS Trust",
        "North Bristol Southmead Hospitals NHS Trust",
        "Cheltenham General Hospitals NHS Foundation Trust",
        "Taunton and Somerset Hospitals NHS Foundation Trust",
    ],
    "wessex": [
        "Portsmouth Queen Alexandra Hospitals NHS Trust",
        "Winchester and Basingstoke Hospitals NHS Foundation Trust",
        "Salisbury District Hospitals NHS Foundation Trust",
        "Dorset County Hospitals NHS Foundation Trust",
        "Isle of Wight St Mary's Hospitals NHS Trust",
        "Poole General Hospitals NHS Foundation Trust",
    ],
    "kent-surrey-sussex": [
        "Maidstone and Tunbridge Wells Hospitals NHS Trust",
        "Ashford and St Peter's Hospitals NHS Foundation Trust",
        "East Surrey Redhill Hospitals NHS Trust",
        "Medway Maritime Hospitals NHS Foundation Trust",
        "Worthing and Chichester Hospitals NHS Foundation Trust",
        "Darent Valley Hospitals NHS Foundation Trust",
    ],
    "north-east-north-cumbria": [
        "Tyneside Royal Infirmary NHS Foundation Trust",
        "Durham and Wear Valley Hospitals NHS Trust",
        "Northumbria Coast Hospitals NHS Foundation Trust",
        "Teesside General Hospitals NHS Foundation Trust",
        "Gateshead Queen Elizabeth Hospitals NHS Foundation Trust",
        "Darlington Memorial Hospitals NHS Trust",
    ],
}
AMBULANCE_SERVICE = ("west-of-england", "West of England Ambulance Service NHS Foundation Trust")


def region_numbers() -> dict[str, int]:
    """The demo's region numbers (1 = first by slug), as in the other ODS-style codes."""
    return {
        slug: number
        for number, slug in enumerate(
            Region.objects.order_by("slug").values_list("slug", flat=True), start=1
        )
    }


def _code(region_number: int, n: int) -> str:
    return f"RX{region_number:02d}{n:02d}"


def acute_trusts(slugs) -> list[Organisation]:
    """The regions' acute trusts, in a stable order (region, then code)."""
    return list(
        Organisation.objects.filter(region__slug__in=slugs, type=OrganisationType.ACUTE_TRUST)
        .select_related("region")
        .order_by("region__slug", "ods_code", "pk")
    )


def ensure_acute_trusts(slugs: list[str], at_least: int) -> int:
    """Adds candidate hospitals, one region at a time in turn, until the regions together have
    `at_least` acute trusts; returns how many it created."""
    numbers, have = region_numbers(), len(acute_trusts(slugs))
    queues = {slug: list(enumerate(HOSPITALS[slug], start=1)) for slug in slugs}
    created = 0
    while have < at_least and any(queues.values()):
        for slug in slugs:
            if have >= at_least or not queues[slug]:
                continue
            n, name = queues[slug].pop(0)
            _, was_created = Organisation.objects.get_or_create(
                ods_code=_code(numbers[slug], n),
                defaults={
                    "name": name,
                    "type": OrganisationType.ACUTE_TRUST,
                    "region": Region.objects.get(slug=slug),
                },
            )
            if was_created:
                created += 1
                have += 1
    if have < at_least:
        raise ValueError(f"Not enough demo hospitals for {at_least} acute trusts in {slugs}")
    return created


def ambulance_service() -> Organisation:
    slug, name = AMBULANCE_SERVICE
    organisation, _ = Organisation.objects.get_or_create(
        ods_code=_code(region_numbers()[slug], 90),
        defaults={
            "name": name,
            "type": OrganisationType.AMBULANCE_TRUST,
            "region": Region.objects.get(slug=slug),
        },
    )
    return organisation
