"""Creates the 15 Patient Safety Collaboratives, one per Academic Health Science Network.

The slugs are stable identifiers used in URLs and the API; never rename one.
"""

from django.db import migrations

COLLABORATIVES = [
    ("east-midlands", "East Midlands", "https://www.emahsn.org.uk"),
    ("eastern", "Eastern", "https://www.easternahsn.org"),
    ("greater-manchester", "Greater Manchester", "https://healthinnovationmanchester.com"),
    ("health-innovation-network", "Health Innovation Network", "https://healthinnovationnetwork.com"),
    (
        "imperial-college-health-partners",
        "Imperial College Health Partners",
        "https://imperialcollegehealthpartners.com",
    ),
    (
        "innovation-agency-nwc",
        "Innovation Agency (North West Coast)",
        "https://www.innovationagencynwc.nhs.uk",
    ),
    ("kent-surrey-sussex", "Kent Surrey Sussex", "https://kssahsn.net"),
    ("north-east-north-cumbria", "North East and North Cumbria", "https://www.ahsn-nenc.org.uk"),
    ("oxford", "Oxford", "https://www.oxfordahsn.org"),
    ("south-west", "South West", "https://www.swahsn.com"),
    ("uclpartners", "UCLPartners", "https://uclpartners.com"),
    ("wessex", "Wessex", "https://wessexahsn.org.uk"),
    ("west-midlands", "West Midlands", "https://www.wmahsn.org"),
    ("west-of-england", "West of England", "https://www.weahsn.net"),
    ("yorkshire-humber", "Yorkshire and Humber", "https://www.yhahsn.org.uk"),
]


def create_collaboratives(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    for slug, name, website in COLLABORATIVES:
        Region.objects.update_or_create(slug=slug, defaults={"name": name, "website": website})


def remove_collaboratives(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    Region.objects.filter(slug__in=[slug for slug, _, _ in COLLABORATIVES]).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]

    operations = [migrations.RunPython(create_collaboratives, remove_collaboratives)]
