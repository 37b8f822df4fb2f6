import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import CareSetting, PDSADecision, PDSAStatus, ProjectStatus, Topic
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    PDSACycleFactory,
    ProjectFactory,
    region,
)

PORTFOLIO = reverse("projects:portfolio")
ROW_TITLE = re.compile(r'aria-hidden="true">Project </span><a href="[^"]+">([^<]+)</a>')


def titles(response) -> list[str]:
    assert response.status_code == 200
    return ROW_TITLE.findall(response.content.decode())


def decided_cycle(idea, decision, start, end=None):
    return PDSACycleFactory(
        change_idea=idea,
        decision=decision,
        status=PDSAStatus.COMPLETE,
        start_date=start,
        end_date=end,
    )


def test_anonymous_visitors_are_asked_to_sign_in(client, db):
    response = client.get(PORTFOLIO)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_national_viewer_sees_every_regions_projects(client_for, national_viewer):
    for slug in ("wessex", "oxford", "yorkshire-humber"):
        ProjectFactory(title=f"Sepsis in {slug}", lead_region=region(slug))
    shown = titles(client_for(national_viewer).get(PORTFOLIO))
    assert sorted(shown) == ["Sepsis in oxford", "Sepsis in wessex", "Sepsis in yorkshire-humber"]


@pytest.mark.parametrize(
    "field", ["title", "summary", "aim_what", "aim_for_whom", "aim_how_much", "aim_text"]
)
def test_search_looks_in_the_title_summary_and_aim(client_for, frontline_member, field):
    ProjectFactory(**{"title": "Wanted", field: "Wanted: reducing delirium on Ward 7"})
    ProjectFactory(title="Unrelated", summary="Something else")
    shown = titles(client_for(frontline_member).get(PORTFOLIO, {"q": "DELIRIUM ward"}))
    assert len(shown) == 1 and shown[0].startswith("Wanted")


def test_search_needs_every_word_somewhere(client_for, frontline_member):
    ProjectFactory(title="Sepsis screening", aim_for_whom="adults in the emergency department")
    ProjectFactory(title="Sepsis in maternity", aim_for_whom="pregnant women")
    shown = titles(client_for(frontline_member).get(PORTFOLIO, {"q": "sepsis emergency"}))
    assert shown == ["Sepsis screening"]


def test_the_region_filter_finds_projects_it_leads_or_joins(client_for, frontline_member):
    ProjectFactory(title="Led by Oxford", lead_region=region("oxford"))
    joined = ProjectFactory(title="Joined by Oxford", lead_region=region("wessex"))
    joined.participating_regions.set([region("oxford"), region("south-west")])
    ProjectFactory(title="Wessex only", lead_region=region("wessex"))
    shown = titles(client_for(frontline_member).get(PORTFOLIO, {"region": "oxford"}))
    assert sorted(shown) == ["Joined by Oxford", "Led by Oxford"]


def test_the_topic_and_status_filters(client_for, frontline_member):
    ProjectFactory(title="Sepsis active", topic=Topic.SEPSIS)
    ProjectFactory(title="Sepsis stopped", topic=Topic.SEPSIS, status=ProjectStatus.STOPPED)
    ProjectFactory(title="Falls active", topic=Topic.FALLS)
    client = client_for(frontline_member)
    assert sorted(titles(client.get(PORTFOLIO, {"topic": "sepsis"}))) == [
        "Sepsis active",
        "Sepsis stopped",
    ]
    assert titles(client.get(PORTFOLIO, {"topic": "sepsis", "status": "active"})) == [
        "Sepsis active"
    ]


def test_the_care_setting_filter(client_for, frontline_member):
    care_home = ProjectFactory(title="Care homes")
    care_home.care_settings.set(CareSetting.objects.filter(slug__in=["care-home", "community"]))
    ProjectFactory(title="Wards").care_settings.set(
        CareSetting.objects.filter(slug="acute-hospital")
    )
    shown = titles(client_for(frontline_member).get(PORTFOLIO, {"setting": "care-home"}))
    assert shown == ["Care homes"]


def test_the_financial_year_filter_uses_the_start_date(client_for, frontline_member):
    ProjectFactory(title="Started March 2017", start_date=date(2017, 3, 31))
    ProjectFactory(title="Started April 2017", start_date=date(2017, 4, 1))
    shown = titles(client_for(frontline_member).get(PORTFOLIO, {"financial_year": "2016-17"}))
    assert shown == ["Started March 2017"]


def test_the_organisation_filter(client_for, frontline_member):
    hospital = OrganisationFactory(name="Southampton General Hospital", ods_code="RHM01")
    ProjectFactory(title="With Southampton").organisations.set([hospital, OrganisationFactory()])
    ProjectFactory(title="Elsewhere").organisations.set([OrganisationFactory()])
    response = client_for(frontline_member).get(PORTFOLIO, {"organisation": "RHM01"})
    assert titles(response) == ["With Southampton"]


@pytest.mark.parametrize(
    "typed",
    [
        "rhm01",
        "  RHM01 ",
        "southampton general",
        "General SOUTHAMPTON",
        "Southampton General Hospital (RHM01)",
        "Anything at all (rhm01)",
    ],
)
def test_the_organisation_filter_reads_a_name_or_an_ods_code(client_for, frontline_member, typed):
    hospital = OrganisationFactory(name="Southampton General Hospital", ods_code="RHM01")
    ProjectFactory(title="With Southampton").organisations.set([hospital])
    ProjectFactory(title="Portsmouth").organisations.set(
        [OrganisationFactory(name="Portsmouth Hospitals", ods_code="RHU")]
    )
    assert titles(client_for(frontline_member).get(PORTFOLIO, {"organisation": typed})) == [
        "With Southampton"
    ]


def test_the_organisation_filter_finds_every_organisation_the_name_fits(
    client_for, frontline_member
):
    ProjectFactory(title="General").organisations.set(
        [OrganisationFactory(name="Southampton General Hospital")]
    )
    ProjectFactory(title="Childrens").organisations.set(
        [OrganisationFactory(name="Southampton Childrens Hospital")]
    )
    ProjectFactory(title="Portsmouth").organisations.set(
        [OrganisationFactory(name="Portsmouth Hospitals")]
    )
    client = client_for(frontline_member)
    assert sorted(titles(client.get(PORTFOLIO, {"organisation": "southampton"}))) == [
        "Childrens",
        "General",
    ]
    # A code in brackets means that organisation only, whatever the name says.
    assert titles(client.get(PORTFOLIO, {"organisation": "Southampton (NOPE1)"})) == []


def test_the_organisation_filter_is_a_text_input_kept_in_the_address(client_for, frontline_member):
    body = client_for(frontline_member).get(PORTFOLIO, {"organisation": "RHM"}).content.decode()
    label = re.search(r'for="id_organisation"\s*>\s*([^<]+?)\s*</label>', body)
    assert label and label[1] == "Organisation name or ODS code"
    assert 'name="organisation" type="text"' in body and 'value="RHM"' in body
    assert 'list="organisation-options"' in body and '<datalist id="organisation-options">' in body
    assert "<option" not in body[body.index('id="id_organisation"') : body.index("</datalist>")]


def test_many_to_many_filters_never_repeat_a_project(client_for, frontline_member):
    project = ProjectFactory(title="Everywhere", lead_region=region("oxford"))
    project.participating_regions.set([region("wessex"), region("south-west")])
    project.care_settings.set(CareSetting.objects.all())
    hospitals = OrganisationFactory.create_batch(3)
    project.organisations.set(hospitals)
    client = client_for(frontline_member)
    for query in (
        {"region": "wessex"},
        {"setting": "care-home"},
        {"organisation": "Test Organisation"},
        {"region": "oxford", "setting": "community", "organisation": hospitals[1].ods_code},
    ):
        response = client.get(PORTFOLIO, query)
        assert titles(response) == ["Everywhere"], query
        assert ">1 project<" in response.content.decode()


def make_sortable_projects():
    ProjectFactory(
        title="Bravo",
        start_date=date(2016, 5, 1),
        status=ProjectStatus.ACTIVE,
        progress_score=Decimal("3.0"),
    )
    ProjectFactory(
        title="alpha",
        start_date=date(2017, 5, 1),
        status=ProjectStatus.STOPPED,
        progress_score=None,
    )
    ProjectFactory(
        title="Charlie",
        start_date=date(2015, 5, 1),
        status=ProjectStatus.PLANNED,
        progress_score=Decimal("1.5"),
    )
    # Saved last, so most recently updated.
    ProjectFactory(
        title="Delta",
        start_date=date(2016, 1, 1),
        status=ProjectStatus.COMPLETED,
        completed_on=date(2017, 1, 1),
        progress_score=Decimal("4.5"),
    )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["alpha", "Bravo", "Delta", "Charlie"]),
        ("newest", ["alpha", "Bravo", "Delta", "Charlie"]),
        ("oldest", ["Charlie", "Delta", "Bravo", "alpha"]),
        ("title", ["alpha", "Bravo", "Charlie", "Delta"]),
        ("status", ["Charlie", "Bravo", "Delta", "alpha"]),
        ("score_high", ["Delta", "Bravo", "Charlie", "alpha"]),
        ("score_low", ["Charlie", "Bravo", "Delta", "alpha"]),
        ("updated", ["Delta", "Charlie", "alpha", "Bravo"]),
    ],
)
def test_each_sort_order(client_for, frontline_member, sort, expected):
    make_sortable_projects()
    query = {"sort": sort} if sort else {}
    assert titles(client_for(frontline_member).get(PORTFOLIO, query)) == expected


def test_pagination_shows_25_a_page_and_keeps_the_filters(client_for, frontline_member):
    for n in range(30):
        ProjectFactory(title=f"Sepsis {n:02d}", topic=Topic.SEPSIS)
    ProjectFactory(title="A falls project", topic=Topic.FALLS)
    client = client_for(frontline_member)
    first = client.get(PORTFOLIO, {"topic": "sepsis", "sort": "title"})
    assert titles(first) == [f"Sepsis {n:02d}" for n in range(25)]
    assert 'href="?topic=sepsis&amp;sort=title&amp;page=2"' in first.content.decode()
    second = client.get(PORTFOLIO, {"topic": "sepsis", "sort": "title", "page": 2})
    assert titles(second) == [f"Sepsis {n:02d}" for n in range(25, 30)]
    assert 'href="?topic=sepsis&amp;sort=title&amp;page=1"' in second.content.decode()


def test_the_latest_decision_is_the_most_recently_decided_cycle(client_for, frontline_member):
    project = ProjectFactory(title="Several cycles")
    first, second = ChangeIdeaFactory.create_batch(2, project=project)
    decided_cycle(first, PDSADecision.ADOPT, date(2016, 7, 4), date(2016, 8, 1))
    decided_cycle(second, PDSADecision.ADAPT, date(2016, 8, 8), date(2016, 9, 15))
    decided_cycle(first, PDSADecision.ABANDON, date(2016, 7, 11))  # no end date: dated by start
    PDSACycleFactory(change_idea=first, start_date=date(2016, 10, 3))  # planned, undecided
    ProjectFactory(title="No cycles yet", start_date=date(2015, 6, 1))  # listed after
    body = client_for(frontline_member).get(PORTFOLIO).content.decode()
    row = body[body.index("Several cycles") : body.index("No cycles yet")]
    assert "Adapt" in row and "15 September 2016" in row
    assert "Adopt" not in row and "Abandon" not in row
    assert "No decision yet" in body[body.index("No cycles yet") :]


def test_a_row_shows_regions_status_and_progress(client_for, frontline_member):
    project = ProjectFactory(
        title="Shared",
        status=ProjectStatus.STOPPED,
        status_since=date(2017, 2, 3),
        progress_score=Decimal("2.5"),
    )
    project.participating_regions.set([region("oxford"), region("south-west")])
    body = client_for(frontline_member).get(PORTFOLIO).content.decode()
    assert "Wessex and 2 others" in body
    assert "nhsuk-tag--red" in body and "Since 3 February 2017" in body
    assert ">2.5<" in body


def test_leads_are_offered_a_start_button_and_viewers_are_not(
    client_for, wessex_lead, national_viewer
):
    start = reverse("projects:create")
    assert start in client_for(wessex_lead).get(PORTFOLIO).content.decode()
    assert start not in client_for(national_viewer).get(PORTFOLIO).content.decode()


def make_projects_with_cycles(count: int):
    for n in range(count):
        project = ProjectFactory(title=f"Project {n}", lead_region=region("oxford"))
        project.participating_regions.set([region("wessex"), region("eastern")])
        project.care_settings.set(CareSetting.objects.filter(slug="community"))
        project.organisations.set([OrganisationFactory()])
        idea = ChangeIdeaFactory(project=project)
        decided_cycle(idea, PDSADecision.ADAPT, date(2016, 7, 4), date(2016, 7, 11))
        PDSACycleFactory(change_idea=idea, start_date=date(2016, 7, 18))


def queries_for(client, django_assert_max_num_queries, query: dict) -> int:
    with django_assert_max_num_queries(50) as captured:
        assert client.get(PORTFOLIO, query).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {
            "region": "wessex",
            "setting": "community",
            "q": "project",
            "sort": "status",
            "organisation": "Test Organisation",
        },
    ],
)
def test_the_query_count_does_not_grow_with_the_rows(
    client_for, wessex_lead, django_assert_max_num_queries, query
):
    client = client_for(wessex_lead)
    make_projects_with_cycles(5)
    few = queries_for(client, django_assert_max_num_queries, query)
    make_projects_with_cycles(35)
    many = queries_for(client, django_assert_max_num_queries, query)
    assert few == many


def test_unknown_filter_values_are_explained_not_fatal(client_for, frontline_member):
    ProjectFactory(title="Still listed")
    response = client_for(frontline_member).get(
        PORTFOLIO, {"region": "atlantis", "sort": "shoe-size", "page": "last-but-one"}
    )
    assert titles(response) == ["Still listed"]
    assert "Select a valid choice" in response.content.decode()


def test_each_row_shows_its_measures_current_variation(client_for, frontline_member):
    project = ProjectFactory(title="Falls on Wessex wards")
    MeasureFactory(
        project=project, name="Falls per 1,000 bed-days", variation="special_cause_improvement"
    )
    MeasureFactory(project=project, name="Lying and standing BP", variation="common_cause")
    body = client_for(frontline_member).get(PORTFOLIO).content.decode()
    assert "Falls per 1,000 bed-days: special cause improvement" in body
    assert "Lying and standing BP: common cause variation" in body
