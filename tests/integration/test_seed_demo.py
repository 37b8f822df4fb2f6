import pytest
from django.core.management import CommandError, call_command

from regions.models import NationalRole, Organisation, Region, User
from reporting.rollups.read import figures


def test_seed_demo_creates_people_and_organisations_in_every_region(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", password="pw-for-tests-123")
    assert User.objects.get(username="national").national_role == NationalRole.VIEWER
    assert User.objects.get(username="admin").national_role == NationalRole.ADMIN
    for region in Region.objects.all():
        lead = User.objects.get(username=f"lead.{region.slug}")
        assert list(lead.led_regions.all()) == [region]
        assert lead.check_password("pw-for-tests-123")
        assert Organisation.objects.filter(region=region).exists()


def test_seed_demo_is_idempotent_and_reproduces_the_published_figures(db, settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    national = figures("national", "2016-17")
    assert (national["projects_started"], national["projects_completed"]) == (451, 170)
    assert national["staff_trained"]["total"] == 10150
    trained = national["staff_trained"]
    assert (
        trained["safety_culture"],
        trained["safety_leadership"],
        trained["measurement"],
        national["patients_trained"],
    ) == (4055, 936, 3422, 400)
    assert national["champions_recruited"]["total"] == 1972
    engaged = national["organisations_engaged"]
    assert (
        engaged["total"],
        engaged["care_home"],
        engaged["primary_care"],
        engaged["provider"],
    ) == (1575, 333, 635, 219)
    client.force_login(User.objects.get(username="national"))
    page = client.get("/dashboard/", {"year": "2016-17"}).content.decode()
    for shown in ("10,150", "1,972", "1,575", "451", "170", "4,055", "3,422"):
        assert shown in page
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Organisation.objects.count()) == counts


def test_seed_demo_refuses_on_a_live_service(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not User.objects.filter(username="national").exists()
    call_command("seed_demo", force=True)
    assert User.objects.filter(username="national").exists()
