import pytest
from django.core.exceptions import PermissionDenied

from regions import access as regions_access
from regions import services
from regions.models import OrganisationType
from tests.factories import OrganisationFactory, region


@pytest.fixture
def wessex_trust(db):
    return OrganisationFactory(name="Southampton General", region=region("wessex"))


def test_a_lead_may_edit_their_own_regions_organisations(wessex_lead, wessex_trust):
    assert regions_access.can_edit_organisation(wessex_lead, wessex_trust)
    assert wessex_trust in regions_access.organisations_editable_by(wessex_lead)


def test_a_lead_of_another_region_cannot_edit(oxford_lead, wessex_trust):
    assert not regions_access.can_edit_organisation(oxford_lead, wessex_trust)
    assert wessex_trust not in regions_access.organisations_editable_by(oxford_lead)
    with pytest.raises(PermissionDenied):
        services.organisation_update(by=oxford_lead, organisation=wessex_trust, name="Renamed")
    wessex_trust.refresh_from_db()
    assert wessex_trust.name == "Southampton General"


def test_national_viewers_read_everything_but_edit_nothing(national_viewer, wessex_trust):
    assert wessex_trust in regions_access.organisations_visible_to(national_viewer)
    assert not regions_access.can_edit_organisation(national_viewer, wessex_trust)
    assert not regions_access.can_create_organisation(national_viewer)
    assert not regions_access.regions_writable_by(national_viewer).exists()


def test_national_admins_edit_any_region(national_admin, wessex_trust):
    assert regions_access.can_edit_organisation(national_admin, wessex_trust)
    assert regions_access.regions_writable_by(national_admin).count() == 15


def test_a_lead_cannot_move_an_organisation_into_a_region_they_do_not_lead(
    wessex_lead, wessex_trust
):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            by=wessex_lead, organisation=wessex_trust, region=region("oxford")
        )
    wessex_trust.refresh_from_db()
    assert wessex_trust.region.slug == "wessex"


def test_a_lead_cannot_create_in_another_region(wessex_lead):
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            by=wessex_lead,
            name="Oxford Care",
            type=OrganisationType.CARE_HOME,
            region=region("oxford"),
        )


def test_frontline_members_read_but_do_not_write(frontline_member, wessex_trust):
    assert wessex_trust in regions_access.organisations_visible_to(frontline_member)
    assert not regions_access.can_edit_organisation(frontline_member, wessex_trust)


def test_anonymous_users_see_nothing(db, wessex_trust):
    from django.contrib.auth.models import AnonymousUser

    assert not regions_access.organisations_visible_to(AnonymousUser()).exists()
    assert not regions_access.regions_visible_to(AnonymousUser()).exists()


def test_changes_are_recorded_with_who_made_them(wessex_lead, wessex_trust):
    services.organisation_update(by=wessex_lead, organisation=wessex_trust, name="Renamed")
    latest = wessex_trust.history.first()
    assert latest.history_user == wessex_lead
    assert latest.name == "Renamed"
    assert latest.prev_record.name == "Southampton General"
