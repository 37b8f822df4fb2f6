"""The portfolio's organisation suggestions: what fills the filter's datalist as you type."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, ProjectFactory

OPTIONS = reverse("projects:organisation_options")
OPTION = re.compile(r'<option value="([^"]*)"></option>')


def suggested(client, typed: str) -> list[str]:
    response = client.get(OPTIONS, {"organisation": typed})
    assert response.status_code == 200
    return OPTION.findall(response.content.decode())


def taking_part(**fields):
    organisation = OrganisationFactory(**fields)
    ProjectFactory().organisations.add(organisation)
    return organisation


def test_anonymous_visitors_are_asked_to_sign_in(client, db):
    response = client.get(OPTIONS, {"organisation": "south"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_names_holding_every_word_and_codes_starting_with_it_are_suggested(
    client_for, frontline_member
):
    taking_part(name="Southampton General Hospital", ods_code="RHM01")
    taking_part(name="Portsmouth Hospitals", ods_code="RHU")
    taking_part(name="University Hospital Southampton", ods_code="")
    client = client_for(frontline_member)
    assert suggested(client, "hospital southampton") == [
        "Southampton General Hospital (RHM01)",
        "University Hospital Southampton",
    ]
    assert suggested(client, "rh") == [
        "Portsmouth Hospitals (RHU)",
        "Southampton General Hospital (RHM01)",
    ]


def test_only_organisations_taking_part_in_a_project_are_suggested(client_for, frontline_member):
    taking_part(name="Southampton General Hospital", ods_code="RHM01")
    OrganisationFactory(name="Southampton Care Home", ods_code="VM123")  # in no project
    assert suggested(client_for(frontline_member), "southampton") == [
        "Southampton General Hospital (RHM01)"
    ]


@pytest.mark.parametrize("typed", ["", " ", "s"])
def test_nothing_is_suggested_before_two_characters(client_for, frontline_member, typed):
    taking_part(name="Southampton General Hospital")
    assert suggested(client_for(frontline_member), typed) == []


def test_at_most_ten_are_suggested_in_one_query(
    client_for, frontline_member, django_assert_max_num_queries
):
    for n in range(12):
        taking_part(name=f"Wessex practice {n:02d}", ods_code=f"W{n:05d}")
    client = client_for(frontline_member)
    suggested(client, "wessex")  # signs in: the session's queries are not counted below
    with django_assert_max_num_queries(3):
        shown = suggested(client, "wessex")
    assert shown == [f"Wessex practice {n:02d} (W{n:05d})" for n in range(10)]


def test_a_suggestion_chosen_filters_the_portfolio_to_that_organisation(
    client_for, frontline_member
):
    hospital = taking_part(name="Southampton General Hospital", ods_code="RHM01")
    ProjectFactory(title="Twin").organisations.add(
        OrganisationFactory(name="Southampton General Hospital", ods_code="RHM02")
    )
    hospital.projects.update(title="The one")
    client = client_for(frontline_member)
    chosen = suggested(client, "southampton general")[0]
    response = client.get(reverse("projects:portfolio"), {"organisation": chosen})
    assert re.findall(r'<a href="/projects/\d+/">([^<]+)</a>', response.content.decode()) == [
        "The one"
    ]
