import html

from django.urls import reverse

from regions.models import Region
from tests.factories import OrganisationFactory, region


def test_the_regions_page_lists_all_fifteen(client_for, frontline_member):
    response = client_for(frontline_member).get(reverse("regions:list"))
    assert response.status_code == 200
    body = response.content.decode()
    for region_ in Region.objects.all():
        assert f'href="/regions/{region_.slug}/"' in body


def test_the_regions_page_counts_organisations_in_one_query(
    client_for, frontline_member, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(5, region=region("oxford"))
    client = client_for(frontline_member)
    # session + user + regions with counts
    with django_assert_max_num_queries(4):
        response = client.get(reverse("regions:list"))
    assert "5</td>" in response.content.decode()


def test_a_region_page_shows_its_leads_and_organisation_types(
    client_for, national_viewer, wessex_lead
):
    OrganisationFactory.create_batch(3, region=region("wessex"))
    response = client_for(national_viewer).get(reverse("regions:detail", args=["wessex"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wessex" in body and str(wessex_lead) in body
    assert "Acute trust" in body


def test_an_unknown_region_slug_gets_a_clear_not_found_page(client_for, frontline_member):
    response = client_for(frontline_member).get(reverse("regions:detail", args=["atlantis"]))
    assert response.status_code == 404
    assert "There is no regional collaborative called 'atlantis'" in html.unescape(
        response.content.decode()
    )
