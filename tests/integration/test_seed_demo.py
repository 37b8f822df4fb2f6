import pytest
from django.core.management import CommandError, call_command

from regions.models import NationalRole, Organisation, Region, User


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


def test_seed_demo_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
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
