from regions.models import Region

EXPECTED_SLUGS = {
    "east-midlands",
    "eastern",
    "greater-manchester",
    "health-innovation-network",
    "imperial-college-health-partners",
    "innovation-agency-nwc",
    "kent-surrey-sussex",
    "north-east-north-cumbria",
    "oxford",
    "south-west",
    "uclpartners",
    "wessex",
    "west-midlands",
    "west-of-england",
    "yorkshire-humber",
}


def test_the_migration_creates_the_fifteen_collaboratives(db):
    assert set(Region.objects.values_list("slug", flat=True)) == EXPECTED_SLUGS


def test_every_collaborative_has_a_name_and_a_secure_website(db):
    for region in Region.objects.all():
        assert region.name
        assert region.website.startswith("https://")
