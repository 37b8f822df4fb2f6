import re

import pytest
from django.urls import reverse

from measurement.models import Measure, StandardMeasure
from measurement.services.measures import ADOPTED_FIELDS
from projects.models import CareSetting
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory, region

LIBRARY = reverse("measurement:standard_list")
CARD_TITLE = re.compile(r'class="nhsuk-card__link" href="[^"]+">\s*([^<]+?)\s*</a>')
CHART_ALT = re.compile(r'<img class="nhsuk-card__img" src="([^"]+)" alt="([^"]*)"')
LIBRARY_ROW = re.compile(
    r'aria-hidden="true">Measure </span><a href="[^"]+">([^<]+)</a>.*?'
    r"Adopting projects </span>(\d+)</td>.*?"
    r"Special cause improvement </span>(\d+)</td>.*?"
    r"Special cause concern </span>(\d+)</td>",
    re.S,
)
IMPROVING, CONCERNING = "special_cause_improvement", "special_cause_concern"


@pytest.fixture
def falls(db):
    return StandardMeasure.objects.get(slug="falls-per-1000-bed-days")


@pytest.fixture
def news(db):
    return StandardMeasure.objects.get(slug="news-within-one-hour")


def adopted(standard, project=None, **values):
    """A project measure adopting `standard`, saved directly as a test fixture."""
    copied = {field: getattr(standard, field) for field in ADOPTED_FIELDS}
    return MeasureFactory(
        project=project or ProjectFactory(), standard=standard, **{**copied, **values}
    )


def detail(standard) -> str:
    return standard.get_absolute_url()


def card_titles(response) -> list[str]:
    assert response.status_code == 200
    return CARD_TITLE.findall(response.content.decode())


def library_rows(response) -> dict[str, tuple[int, int, int]]:
    assert response.status_code == 200
    html = response.content.decode()
    return {name: (int(a), int(i), int(c)) for name, a, i, c in LIBRARY_ROW.findall(html)}


# The library ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(client, db):
    response = client.get(LIBRARY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_library_lists_all_ten_standards_with_adoption_counts(
    client_for, frontline_member, falls, news
):
    improving = ProjectFactory(title="Falls improving")
    adopted(falls, improving, variation=IMPROVING)
    adopted(falls, improving, name="Falls on the stroke unit")  # the same project counts once
    adopted(falls, variation=CONCERNING)
    adopted(falls, variation="common_cause")
    adopted(news)
    MeasureFactory(name="A measure of the project's own")

    rows = library_rows(client_for(frontline_member).get(LIBRARY))

    assert len(rows) == 10
    assert rows["Falls per 1,000 bed-days"] == (3, 1, 1)
    assert rows["Patients with NEWS calculated within one hour of arrival"] == (1, 0, 0)
    assert rows["AKI incidence on surgical wards"] == (0, 0, 0)


def test_the_library_shows_how_each_standard_is_charted(client_for, frontline_member):
    html = client_for(frontline_member).get(LIBRARY).content.decode()
    assert "Rate, U chart" in html and "Unit: per 1,000 bed-days" in html
    assert "Outcome measure" in html and "Lower is better" in html


def test_the_library_is_searchable_by_name(client_for, frontline_member):
    rows = library_rows(client_for(frontline_member).get(LIBRARY, {"q": "within HOUR"}))
    assert sorted(rows) == [
        "Patients with NEWS calculated within one hour of arrival",
        "Patients with a pain score within one hour of arrival",
    ]


def test_the_library_counts_in_one_query_however_many_adoptions(
    client_for, frontline_member, falls, django_assert_max_num_queries
):
    client = client_for(frontline_member)
    adopted(falls)
    with django_assert_max_num_queries(20) as few:
        client.get(LIBRARY)
    for _ in range(15):
        adopted(falls, variation=IMPROVING)
    with django_assert_max_num_queries(20) as many:
        client.get(LIBRARY)
    assert len(few) == len(many)


# A standard measure's page -------------------------------------------------------------------


def test_the_page_shows_the_operational_definition_in_full(client_for, frontline_member, news):
    response = client_for(frontline_member).get(detail(news))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (news.definition, news.inclusions, news.exclusions, news.data_source):
        assert text.replace("'", "&#39;") in html
    assert "PSC national measurement group, 1 September 2016" in html
    assert 'class="nhsuk-summary-list__key"' in html and "Higher is better" in html


def test_an_unknown_standard_is_not_found(client_for, frontline_member):
    response = client_for(frontline_member).get(
        reverse("measurement:standard_detail", args=["made-up"])
    )
    assert response.status_code == 404


def test_small_multiples_show_only_measures_adopting_this_standard(
    client_for, frontline_member, falls, news
):
    ward = ProjectFactory(title="Falls on Ward 7", lead_region=region("wessex"))
    measure = adopted(falls, ward, variation=IMPROVING, data_version=4)
    adopted(news, ProjectFactory(title="NEWS in ED"))
    MeasureFactory(project=ProjectFactory(title="Own falls measure"), name="Falls")

    response = client_for(frontline_member).get(detail(falls))

    assert card_titles(response) == ["Falls on Ward 7"]
    html = response.content.decode()
    chart = reverse("measurement:measure_chart", args=[measure.pk, "svg"])
    assert CHART_ALT.findall(html) == [
        (
            f"{chart}?v=4",
            "Chart of Falls per 1,000 bed-days at Falls on Ward 7 (Wessex): "
            "special cause improvement.",
        )
    ]
    assert "nhsuk-tag--blue" in html and "Special cause improvement" in html
    assert measure.get_absolute_url() in html
    assert "1 adopting measure: 1 shows special cause improvement" in html


def test_a_measure_without_enough_data_says_so_in_words(client_for, frontline_member, falls):
    adopted(falls, ProjectFactory(title="Just started"))
    html = client_for(frontline_member).get(detail(falls)).content.decode()
    assert "Not enough data yet" in html and "Assurance: not assessed" in html
    assert ": not enough data yet." in html


def test_the_region_filter_finds_projects_it_leads_or_joins(client_for, frontline_member, falls):
    adopted(falls, ProjectFactory(title="Led by Oxford", lead_region=region("oxford")))
    joined = ProjectFactory(title="Joined by Oxford", lead_region=region("wessex"))
    joined.participating_regions.set([region("oxford"), region("eastern")])
    adopted(falls, joined)
    adopted(falls, ProjectFactory(title="Wessex only", lead_region=region("wessex")))

    shown = card_titles(client_for(frontline_member).get(detail(falls), {"region": "oxford"}))

    assert shown == ["Joined by Oxford", "Led by Oxford"]


def test_the_care_setting_filter(client_for, frontline_member, falls):
    homes = ProjectFactory(title="Care home falls")
    homes.care_settings.set(CareSetting.objects.filter(slug__in=["care-home", "community"]))
    acute = ProjectFactory(title="Ward falls")
    acute.care_settings.set(CareSetting.objects.filter(slug="acute-hospital"))
    adopted(falls, homes)
    adopted(falls, acute)

    shown = card_titles(client_for(frontline_member).get(detail(falls), {"setting": "care-home"}))

    assert shown == ["Care home falls"]


def test_the_variation_filter(client_for, frontline_member, falls):
    adopted(falls, ProjectFactory(title="Improving"), variation=IMPROVING)
    adopted(falls, ProjectFactory(title="Worse"), variation=CONCERNING)
    shown = card_titles(client_for(frontline_member).get(detail(falls), {"variation": CONCERNING}))
    assert shown == ["Worse"]


def test_small_multiples_come_twelve_to_a_page(client_for, frontline_member, falls):
    for n in range(14):
        adopted(falls, ProjectFactory(title=f"Project {n:02d}"))
    client = client_for(frontline_member)
    assert len(card_titles(client.get(detail(falls)))) == 12
    assert card_titles(client.get(detail(falls), {"page": 2})) == ["Project 12", "Project 13"]


def queries_for(client, url, query, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url, query).status_code == 200
    return len(captured)


def make_adoptions(standard, count: int):
    for n in range(count):
        project = ProjectFactory(title=f"Project {n}", lead_region=region("oxford"))
        project.participating_regions.set([region("wessex")])
        project.care_settings.set(CareSetting.objects.filter(slug="acute-hospital"))
        adopted(standard, project, variation=IMPROVING if n % 2 else "common_cause")


@pytest.mark.parametrize("query", [{}, {"region": "wessex", "setting": "acute-hospital"}])
def test_the_query_count_does_not_grow_with_the_adoptions(
    client_for, wessex_lead, falls, django_assert_max_num_queries, query
):
    client = client_for(wessex_lead)
    make_adoptions(falls, 3)
    few = queries_for(client, detail(falls), query, django_assert_max_num_queries)
    make_adoptions(falls, 17)
    many = queries_for(client, detail(falls), query, django_assert_max_num_queries)
    assert len(card_titles(client.get(detail(falls), query))) == 12
    assert few == many


# Adopting a standard -------------------------------------------------------------------------


def test_a_lead_adopts_a_standard_and_gets_its_definition_and_chart(client_for, wessex_lead, falls):
    project = ProjectFactory(title="Falls in Wessex", lead_region=region("wessex"))
    client = client_for(wessex_lead)
    assert "Falls in Wessex (Wessex)" in client.get(detail(falls)).content.decode()

    response = client.post(detail(falls), {"project": project.pk})

    measure = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == measure.get_absolute_url()
    assert (measure.project, measure.standard, measure.created_by) == (project, falls, wessex_lead)
    for field in ADOPTED_FIELDS:
        assert getattr(measure, field) == getattr(falls, field), field


def test_the_adopt_form_lists_only_projects_the_user_may_edit(client_for, frontline_member, falls):
    mine = ProjectMemberFactory(
        user=frontline_member, project=ProjectFactory(title="My team's project")
    ).project
    adopted(falls, mine)
    ProjectFactory(title="Someone else's project")
    html = client_for(frontline_member).get(detail(falls)).content.decode()
    assert "My team&#39;s project (Wessex) – already uses this measure" in html
    assert "Someone else&#39;s project (" not in html


def test_adopting_for_a_project_the_user_cannot_edit_is_refused(client_for, wessex_lead, falls):
    ProjectFactory(lead_region=region("wessex"))
    oxford = ProjectFactory(title="Oxford falls", lead_region=region("oxford"))
    response = client_for(wessex_lead).post(detail(falls), {"project": oxford.pk})
    assert response.status_code == 403
    assert not Measure.objects.exists()


def test_adopting_without_choosing_a_project_explains(client_for, wessex_lead, falls):
    ProjectFactory(lead_region=region("wessex"))
    response = client_for(wessex_lead).post(detail(falls), {"project": ""})
    assert response.status_code == 200
    assert "Choose the project that will use this measure" in response.content.decode()
    assert not Measure.objects.exists()


def test_a_national_viewer_sees_no_adopt_form_and_cannot_post(client_for, national_viewer, falls):
    project = ProjectFactory()
    client = client_for(national_viewer)
    html = client.get(detail(falls)).content.decode()
    assert "Adopt for a project" not in html and 'name="project"' not in html
    assert client.post(detail(falls), {"project": project.pk}).status_code == 403
    assert not Measure.objects.exists()
