"""The spread pages: an entry's and a programme's spread, and recording adoptions on pages."""

from datetime import date

import pytest
from django.urls import reverse

from learning.models import Adoption, PackageItem
from regions.models import OrganisationType
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return ChangeEntryFactory(name="Early warning scores", slug="early-warning")


@pytest.fixture
def wessex_trust():
    return OrganisationFactory(name="Wessex General", ods_code="RWX", region=region("wessex"))


def test_the_entry_spread_page_says_the_sentence_and_shows_the_table(
    client_for, wessex_lead, entry
):
    for n, day in enumerate([date(2015, 5, 1), date(2016, 2, 1), date(2016, 3, 1)]):
        AdoptionFactory(
            entry=entry,
            adopted_on=day,
            organisation=OrganisationFactory(name=f"Trust {n}", region=region("wessex")),
        )
    AdoptionFactory(entry=entry, adopted_on=date(2016, 4, 1), status="planned")
    response = client_for(wessex_lead).get(reverse("learning:change_spread", args=[entry.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "From 1 to 3 hospitals" in html
    assert "at the end of 2015" in html
    assert 'role="img"' in html and "<desc" in html
    assert html.count('<tr class="nhsuk-table__row">') >= 3 + 4
    assert "Trust 2" in html and "Planned" in html
    assert reverse("learning:adoption_create") + "?change=early-warning" in html


def test_the_programme_spread_counts_its_package_and_entries_once_each(client_for, national_viewer):
    programme = ProgrammeFactory(
        name="ELPQuIC", slug="elpquic", start_date=date(2016, 4, 1), end_date=date(2017, 3, 31)
    )
    packaged = ChangeEntryFactory()
    PackageItem.objects.create(programme=programme, entry=packaged)
    early = OrganisationFactory(region=region("wessex"))
    AdoptionFactory(
        organisation=early, entry=None, package_of=programme, adopted_on=date(2016, 1, 1)
    )
    AdoptionFactory(organisation=early, entry=packaged, adopted_on=date(2016, 6, 1))
    AdoptionFactory(entry=packaged, adopted_on=date(2016, 7, 1))
    AdoptionFactory(entry=ChangeEntryFactory(), adopted_on=date(2016, 7, 1))  # not the package
    response = client_for(national_viewer).get(
        reverse("learning:programme_spread", args=["elpquic"])
    )
    html = response.content.decode()
    assert "From 1 to 2 hospitals" in html
    assert "before the programme began on 1 April 2016" in html
    assert "Programme start" in html and "Programme end" in html
    assert "Record an adoption" not in html  # a national viewer records nothing


def test_a_regional_lead_records_an_adoption_and_the_spread_moves(
    client_for, wessex_lead, entry, wessex_trust
):
    client = client_for(wessex_lead)
    url = reverse("learning:adoption_create") + "?change=early-warning"
    page = client.get(url)
    assert page.status_code == 200 and "Wessex General" in page.content.decode()
    response = client.post(
        url,
        {
            "organisation": wessex_trust.pk,
            "status": "implemented",
            "adopted_on": "2017-01-09",
            "source": "elsewhere",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:change_spread", args=[entry.slug])
    adoption = Adoption.objects.get()
    assert (adoption.organisation, adoption.entry, adoption.recorded_by) == (
        wessex_trust,
        entry,
        wessex_lead,
    )
    html = client.get(response["Location"]).content.decode()
    assert "Still 1 hospital: none added" in html and "Wessex General" in html


def test_the_form_offers_only_the_leads_regions_organisations(
    client_for, wessex_lead, entry, wessex_trust
):
    OrganisationFactory(name="Oxford Royal", region=region("oxford"))
    html = (
        client_for(wessex_lead)
        .get(reverse("learning:adoption_create") + "?change=early-warning")
        .content.decode()
    )
    assert "Wessex General" in html and "Oxford Royal" not in html


def test_the_form_names_what_is_missing(client_for, wessex_lead, entry, wessex_trust):
    response = client_for(wessex_lead).post(
        reverse("learning:adoption_create") + "?change=early-warning",
        {
            "organisation": wessex_trust.pk,
            "status": "testing",
            "adopted_on": "",
            "source": "project",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Enter the date the organisation began" in html
    assert "Select the project it came from" in html
    assert not Adoption.objects.exists()


def test_a_future_date_is_refused_unless_planned(client_for, wessex_lead, entry, wessex_trust):
    response = client_for(wessex_lead).post(
        reverse("learning:adoption_create") + "?change=early-warning",
        {
            "organisation": wessex_trust.pk,
            "status": "testing",
            "adopted_on": "2999-01-01",
            "source": "elsewhere",
        },
    )
    assert "only a planned adoption" in response.content.decode()
    assert not Adoption.objects.exists()


def test_editing_an_adoption(client_for, wessex_lead, entry, wessex_trust):
    adoption = AdoptionFactory(organisation=wessex_trust, entry=entry, status="testing")
    client = client_for(wessex_lead)
    url = reverse("learning:adoption_update", args=[adoption.pk])
    assert "Change Wessex General&#39;s adoption" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "status": "sustained",
            "adopted_on": "2016-09-01",
            "source": "elsewhere",
            "source_note": "Seen at a learning session",
        },
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert (adoption.status, adoption.source_note) == ("sustained", "Seen at a learning session")
    history = client.get(url).content.decode().split('id="adoption-history"')[1]
    assert history.index("Sustained") < history.index("Testing")  # newest first
    assert wessex_lead.get_full_name() in history


def test_the_spread_page_links_edits_only_where_allowed(
    client_for, oxford_lead, entry, wessex_trust
):
    wessex = AdoptionFactory(organisation=wessex_trust, entry=entry)
    oxford = AdoptionFactory(entry=entry, organisation=OrganisationFactory(region=region("oxford")))
    html = (
        client_for(oxford_lead)
        .get(reverse("learning:change_spread", args=[entry.slug]))
        .content.decode()
    )
    assert reverse("learning:adoption_update", args=[oxford.pk]) in html
    assert reverse("learning:adoption_update", args=[wessex.pk]) not in html


def test_the_adoption_list_filters(client_for, national_viewer, entry):
    AdoptionFactory(
        entry=entry,
        organisation=OrganisationFactory(name="Kent Hospital", region=region("kent-surrey-sussex")),
    )
    AdoptionFactory(
        entry=entry,
        organisation=OrganisationFactory(name="Wessex Home", type=OrganisationType.CARE_HOME),
        status="planned",
    )
    client = client_for(national_viewer)
    html = client.get(reverse("learning:adoption_list")).content.decode()
    assert "Kent Hospital" in html and "Wessex Home" in html and "2 adoptions" in html
    html = client.get(reverse("learning:adoption_list"), {"type": "care_home"}).content.decode()
    assert "Wessex Home" in html and "Kent Hospital" not in html
    html = client.get(
        reverse("learning:adoption_list"), {"status": "implemented", "q": "kent"}
    ).content.decode()
    assert "Kent Hospital" in html and "Wessex Home" not in html
    assert "Upload adoptions" not in html


def test_query_counts_are_equal_for_3_and_12_adoptions(client_for, wessex_lead):
    """The same page, 3 then 12 adoptions: not one query more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    entry = ChangeEntryFactory(slug="n-change")
    programme = ProgrammeFactory(slug="n-programme")
    PackageItem.objects.create(programme=programme, entry=entry)
    client = client_for(wessex_lead)
    urls = [
        reverse("learning:change_spread", args=["n-change"]),
        reverse("learning:programme_spread", args=["n-programme"]),
        reverse("learning:adoption_list"),
    ]

    def queries():
        found = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            found.append(len(captured))
        return found

    def add(n):
        for i in range(n):
            AdoptionFactory(
                entry=entry,
                adopted_on=date(2016, 1 + i % 12, 1),
                organisation=OrganisationFactory(region=region("wessex" if i % 2 else "oxford")),
                source="programme",
                source_programme=programme,
            )

    add(3)
    with_3 = queries()
    add(9)
    assert queries() == with_3


def test_the_project_page_lists_where_its_changes_spread(client_for, national_viewer, entry):
    from tests.factories import ProjectFactory

    project = ProjectFactory(title="Deteriorating patient, Wessex")
    AdoptionFactory(
        entry=entry,
        organisation=OrganisationFactory(name="Dorset County"),
        source="project",
        source_project=project,
        adopted_on=date(2017, 2, 1),
    )
    html = client_for(national_viewer).get(project.get_absolute_url()).content.decode()
    assert "Spread from this project" in html
    assert "Dorset County: Early warning scores, implemented from 1 February 2017" in html
