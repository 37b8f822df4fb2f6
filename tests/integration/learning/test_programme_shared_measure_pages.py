"""A programme's shared measure: switching it between mandatory and optional, and no longer
sharing it. Happy paths, the overview's links, and every role on both pages, GET and POST: those
who may not are refused (sent to sign in, or a 403) and nothing is written."""

from datetime import date

import pytest

from learning.models import SharedMeasure
from learning.services import programmes as services
from measurement.models import Measure, StandardMeasure
from tests.factories import ProgrammeFactory, ProgrammeMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = ["anonymous", "national_viewer", "oxford_lead", "frontline_member"]
ALLOWED = ["national_admin", "programme_lead", "wessex_lead"]


@pytest.fixture
def world(db):
    lead = UserFactory(username="programme.lead")  # leads no region, is on no team
    programme = ProgrammeFactory(
        slug="shared", name="Shared programme", lead_regions=["wessex"], leads=[lead]
    )
    member = ProgrammeMemberFactory(programme=programme, joined_on=date(2016, 4, 1))
    standard = StandardMeasure.objects.get(slug="falls-per-1000-bed-days")
    shared = services.shared_measure_add(
        by=lead, programme=programme, standard=standard, is_mandatory=True
    )
    return {
        "programme": programme,
        "member": member,
        "standard": standard,
        "shared": shared,
        "programme_lead": lead,
    }


def _edit_url(world) -> str:
    return f"/programmes/shared/measures/{world['shared'].pk}/edit/"


def _remove_url(world) -> str:
    return f"/programmes/shared/measures/{world['shared'].pk}/remove/"


def _pages(world) -> dict:
    return {
        "measure_update": (_edit_url(world), {"is_mandatory": "no"}),
        "measure_remove": (_remove_url(world), {}),
    }


def _written() -> tuple:
    """Everything the pages could write."""
    return (
        list(SharedMeasure.objects.values_list("pk", "standard_id", "is_mandatory")),
        list(Measure.objects.values_list("pk", "project_id", "standard_id")),
    )


def _client(request, client, role, world):
    if role == "anonymous":
        return client
    user = world["programme_lead"] if role == "programme_lead" else request.getfixturevalue(role)
    client.force_login(user)
    return client


def _refused(response) -> bool:
    if response.status_code == 302:
        return response.url.startswith("/sign-in") or "login" in response.url
    return response.status_code in (403, 404)


# Happy paths -----------------------------------------------------------------------------------


def _team_measures(project, standard):
    return Measure.objects.filter(project=project, standard=standard)


def test_switching_to_optional_and_back_gives_a_team_without_it_its_own_measure(
    client_for, wessex_lead, world
):
    first, standard = world["member"].project, world["standard"]
    assert _team_measures(first, standard).count() == 1  # made when it was shared as mandatory
    client = client_for(wessex_lead)
    page = client.get(_edit_url(world)).content.decode()
    assert "Every team collects it" in page and "Optional" in page
    assert 'value="yes" checked' in page

    response = client.post(_edit_url(world), {"is_mandatory": "no"})
    assert response.status_code == 302
    assert response.url == "/programmes/shared/#measures"
    assert not SharedMeasure.objects.get().is_mandatory
    assert _team_measures(first, standard).count() == 1  # the team keeps its measure
    assert 'value="no" checked' in client.get(_edit_url(world)).content.decode()

    second = ProgrammeMemberFactory(programme=world["programme"]).project  # has no measure of it
    assert not _team_measures(second, standard).exists()
    response = client.post(_edit_url(world), {"is_mandatory": "yes"})
    assert response.status_code == 302
    assert SharedMeasure.objects.get().is_mandatory
    assert _team_measures(second, standard).count() == 1
    assert _team_measures(first, standard).count() == 1  # not a second one
    overview = client.get("/programmes/shared/").content.decode()
    assert "every team collects it" in overview and "Mandatory" in overview


def test_saving_without_a_choice_says_what_to_fix(client_for, wessex_lead, world):
    response = client_for(wessex_lead).post(_edit_url(world), {})
    assert response.status_code == 200
    assert "Choose whether every team must collect it" in response.content.decode()
    assert SharedMeasure.objects.get().is_mandatory


def test_stopping_sharing_keeps_the_teams_measures(client_for, world):
    client = client_for(world["programme_lead"])
    page = client.get(_remove_url(world)).content.decode()
    assert "Stop sharing this measure" in page
    assert "The teams keep their own measures of it" in page
    before = list(Measure.objects.values_list("pk", flat=True))
    response = client.post(_remove_url(world))
    assert response.status_code == 302
    assert response.url == "/programmes/shared/#measures"
    assert not SharedMeasure.objects.exists()
    assert list(Measure.objects.values_list("pk", flat=True)) == before
    assert _team_measures(world["member"].project, world["standard"]).exists()
    overview = client.get("/programmes/shared/").content.decode()
    assert "is no longer a shared measure" in overview
    assert "No shared measures yet" in overview


def test_a_shared_measure_of_another_programme_is_not_found(client_for, wessex_lead, world):
    other = ProgrammeFactory(slug="other", lead_regions=["wessex"])
    client = client_for(wessex_lead)
    url = f"/programmes/other/measures/{world['shared'].pk}/"
    assert other.shared_measures.count() == 0
    assert client.get(url + "edit/").status_code == 404
    assert client.post(url + "remove/").status_code == 404
    assert SharedMeasure.objects.filter(pk=world["shared"].pk).exists()


def test_the_overview_links_both_pages_for_those_who_may_edit(
    client_for, wessex_lead, national_viewer, world
):
    edit, remove = _edit_url(world), _remove_url(world)
    page = client_for(wessex_lead).get("/programmes/shared/").content.decode()
    assert f'href="{edit}"' in page and f'href="{remove}"' in page
    page = client_for(national_viewer).get("/programmes/shared/").content.decode()
    assert edit not in page and remove not in page


# Who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.parametrize("page", ["measure_update", "measure_remove"])
def test_shared_measure_pages_refuse_those_who_may_not(request, client, world, role, page):
    url, data = _pages(world)[page]
    client = _client(request, client, role, world)
    before = _written()
    get = client.get(url)
    post = client.post(url, data)
    assert _refused(get), (page, role, get.status_code)
    assert _refused(post), (page, role, post.status_code)
    if role != "anonymous":
        assert post.status_code == 403
        assert "Only the programme leads of “Shared programme”" in post.content.decode()
    assert _written() == before


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("page", ["measure_update", "measure_remove"])
def test_shared_measure_pages_let_programme_leads_region_leads_and_admins(
    request, client, world, role, page
):
    url, data = _pages(world)[page]
    client = _client(request, client, role, world)
    before = _written()
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _written() != before
