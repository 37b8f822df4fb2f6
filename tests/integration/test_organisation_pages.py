import pytest
from django.urls import reverse

from regions.models import Organisation, OrganisationType
from tests.factories import OrganisationFactory, region

LIST = reverse("regions:organisation_list")
CREATE = reverse("regions:organisation_create")


def new_organisation(**overrides) -> dict:
    return {
        "name": "Winchester Care Home",
        "ods_code": "vx123",
        "type": "care_home",
        "region": region("wessex").pk,
        **overrides,
    }


def queries_for_list(client, django_assert_max_num_queries, rows: int) -> int:
    Organisation.objects.all().delete()
    OrganisationFactory.create_batch(rows)
    with django_assert_max_num_queries(100) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured)


def test_the_list_uses_the_same_number_of_queries_for_5_or_50_rows(
    client_for, frontline_member, django_assert_max_num_queries
):
    client = client_for(frontline_member)
    assert queries_for_list(client, django_assert_max_num_queries, 5) == queries_for_list(
        client, django_assert_max_num_queries, 50
    )


def test_search_finds_by_name_or_ods_code(client_for, frontline_member):
    OrganisationFactory(name="Salisbury District Hospital", ods_code="RNZ")
    OrganisationFactory(name="Poole Hospital", ods_code="RD3")
    client = client_for(frontline_member)
    by_name = client.get(LIST, {"q": "salisbury"}).content.decode()
    assert "Salisbury District Hospital" in by_name and "Poole Hospital" not in by_name
    by_code = client.get(LIST, {"q": "rd3"}).content.decode()
    assert "Poole Hospital" in by_code and "Salisbury" not in by_code


def test_filters_by_type_and_region(client_for, frontline_member):
    OrganisationFactory(
        name="Oxford Care Home", type=OrganisationType.CARE_HOME, region=region("oxford")
    )
    OrganisationFactory(name="Wessex Care Home", type=OrganisationType.CARE_HOME)
    body = (
        client_for(frontline_member)
        .get(LIST, {"type": "care_home", "region": "oxford"})
        .content.decode()
    )
    assert "Oxford Care Home" in body and "Wessex Care Home" not in body


def test_a_lead_adds_an_organisation_to_their_region(client_for, wessex_lead):
    response = client_for(wessex_lead).post(CREATE, new_organisation())
    organisation = Organisation.objects.get(name="Winchester Care Home")
    assert response.status_code == 302
    assert organisation.ods_code == "VX123"  # normalised to upper case
    assert organisation.history.first().history_user == wessex_lead


@pytest.mark.parametrize(
    ("ods_code", "message"),
    [
        ("R!", "Enter an ODS code of 3 to 10 letters and numbers"),
        ("AB", "Enter an ODS code of 3 to 10 letters and numbers"),
    ],
)
def test_an_invalid_ods_code_is_explained(client_for, wessex_lead, ods_code, message):
    response = client_for(wessex_lead).post(CREATE, new_organisation(ods_code=ods_code))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'href="#id_ods_code"' in response.content.decode()
    assert not Organisation.objects.filter(name="Winchester Care Home").exists()


def test_a_duplicate_ods_code_names_the_organisation_that_has_it(client_for, wessex_lead):
    OrganisationFactory(name="Royal Hampshire County Hospital", ods_code="RN5")
    response = client_for(wessex_lead).post(CREATE, new_organisation(ods_code="rn5"))
    assert response.status_code == 200
    assert "ODS code RN5 is already used by Royal Hampshire County Hospital" in (
        response.content.decode()
    )
    assert Organisation.objects.filter(ods_code="RN5").count() == 1


def test_organisations_without_ods_codes_may_coexist(client_for, wessex_lead):
    client = client_for(wessex_lead)
    client.post(CREATE, new_organisation(name="Patient Group A", ods_code=""))
    client.post(CREATE, new_organisation(name="Patient Group B", ods_code=""))
    assert Organisation.objects.filter(ods_code="").count() == 2


def test_a_lead_cannot_choose_another_region(client_for, wessex_lead):
    response = client_for(wessex_lead).post(CREATE, new_organisation(region=region("oxford").pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Organisation.objects.filter(name="Winchester Care Home").exists()


def test_another_regions_lead_gets_a_clear_forbidden_page(client_for, oxford_lead):
    organisation = OrganisationFactory(name="Basingstoke Hospital")
    url = reverse("regions:organisation_update", args=[organisation.pk])
    response = client_for(oxford_lead).post(
        url, {"name": "Taken over", "type": "acute_trust", "region": region("oxford").pk}
    )
    assert response.status_code == 403
    assert "Only leads of Wessex and national admins can change Basingstoke Hospital" in (
        response.content.decode()
    )
    organisation.refresh_from_db()
    assert organisation.name == "Basingstoke Hospital"


def test_national_viewers_cannot_open_the_add_form(client_for, national_viewer):
    assert client_for(national_viewer).get(CREATE).status_code == 403


def test_a_lead_edits_their_organisation(client_for, wessex_lead):
    organisation = OrganisationFactory(name="Basingstoke Hospital", ods_code="RN501")
    url = reverse("regions:organisation_update", args=[organisation.pk])
    response = client_for(wessex_lead).post(
        url,
        {
            "name": "Basingstoke and North Hampshire Hospital",
            "ods_code": "RN501",
            "type": "acute_trust",
            "region": region("wessex").pk,
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Basingstoke and North Hampshire Hospital"


def test_an_unknown_organisation_gets_a_clear_not_found_page(client_for, frontline_member):
    response = client_for(frontline_member).get(
        reverse("regions:organisation_detail", args=[999999])
    )
    assert response.status_code == 404
    assert "There is no organisation with the id 999999" in response.content.decode()
