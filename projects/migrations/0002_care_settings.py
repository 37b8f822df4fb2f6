from django.db import migrations

CARE_SETTINGS = [
    ("acute-hospital", "Acute hospital"),
    ("mental-health", "Mental health services"),
    ("community", "Community services"),
    ("primary-care", "Primary care"),
    ("care-home", "Care home"),
    ("ambulance", "Ambulance service"),
    ("maternity", "Maternity services"),
    ("patients-home", "Patients' homes"),
    ("system-wide", "Across the health and care system"),
]


def create_care_settings(apps, schema_editor):
    CareSetting = apps.get_model("projects", "CareSetting")
    for slug, name in CARE_SETTINGS:
        CareSetting.objects.update_or_create(slug=slug, defaults={"name": name})


def remove_care_settings(apps, schema_editor):
    apps.get_model("projects", "CareSetting").objects.filter(
        slug__in=[slug for slug, _ in CARE_SETTINGS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create_care_settings, remove_care_settings)]
