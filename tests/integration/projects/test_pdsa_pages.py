import html
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import PDSACycle
from projects.presenters.pdsa import ramp
from projects.services.pdsa import pdsa_cycle_create
from tests.factories import ChangeIdeaFactory, PDSACycleFactory, ProjectFactory, region


@pytest.fixture
def wessex_project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


@pytest.fixture
def idea(wessex_project):
    return ChangeIdeaFactory(project=wessex_project, text="Bedside falls risk sign")


def cycle_form(idea, **overrides):
    return {
        "change_idea": idea.pk,
        "title": "Sign on ward 7",
        "objective": "Try the sign",
        "status": "planned",
        "start_date": "2016-07-04",
        **overrides,
    }


def create_url(project):
    return reverse("projects:pdsa_create", args=[project.pk])


def test_a_lead_logs_a_cycle_and_it_shows_on_the_change_idea(client_for, wessex_lead, idea):
    client = client_for(wessex_lead)
    response = client.post(create_url(idea.project), cycle_form(idea))
    cycle = PDSACycle.objects.get()
    assert response["Location"] == cycle.get_absolute_url()
    page = client.get(reverse("projects:change_idea_detail", args=[idea.project_id, idea.pk]))
    assert "Sign on ward 7" in page.content.decode()


def test_a_cycle_without_a_change_idea_is_refused_by_name(client_for, wessex_lead, idea):
    response = client_for(wessex_lead).post(
        create_url(idea.project), cycle_form(idea, change_idea="")
    )
    body = response.content.decode()
    assert "Select the change idea this cycle tests" in body
    assert 'href="#id_change_idea"' in body
    assert not PDSACycle.objects.exists()


def test_a_change_idea_of_another_project_cannot_be_chosen(client_for, wessex_lead, idea):
    other = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    response = client_for(wessex_lead).post(create_url(idea.project), cycle_form(other))
    assert "Select a valid choice" in response.content.decode()
    assert not PDSACycle.objects.exists()


def test_the_service_refuses_a_change_idea_of_another_project(wessex_lead, idea):
    other = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    with pytest.raises(ValidationError) as error:
        pdsa_cycle_create(
            by=wessex_lead,
            project=idea.project,
            change_idea=other,
            title="x",
            objective="y",
            start_date=date(2016, 7, 4),
        )
    assert "change_idea" in error.value.message_dict


def test_completing_a_cycle_needs_a_decision(client_for, wessex_lead, idea):
    response = client_for(wessex_lead).post(
        create_url(idea.project), cycle_form(idea, status="complete")
    )
    assert "Choose adopt, adapt or abandon to complete the cycle" in response.content.decode()


def test_an_end_before_the_start_is_refused(client_for, wessex_lead, idea):
    response = client_for(wessex_lead).post(
        create_url(idea.project), cycle_form(idea, end_date="2016-07-01")
    )
    assert "The end date must be on or after the start date" in response.content.decode()


def test_another_regions_lead_cannot_update_a_cycle(client_for, oxford_lead, idea):
    cycle = PDSACycleFactory(change_idea=idea, title="Original")
    url = reverse("projects:pdsa_update", args=[idea.project_id, cycle.pk])
    response = client_for(oxford_lead).post(url, cycle_form(idea, title="Changed"))
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert cycle.title == "Original"


def test_the_act_decision_and_follow_on_cycle_make_a_ramp(client_for, wessex_lead, idea):
    client = client_for(wessex_lead)
    first = PDSACycleFactory(change_idea=idea, title="First", start_date=date(2016, 7, 4))
    url = reverse("projects:pdsa_update", args=[idea.project_id, first.pk])
    client.post(
        url,
        cycle_form(idea, title="First", status="complete", decision="adapt", end_date="2016-07-11"),
    )
    client.post(
        create_url(idea.project),
        cycle_form(idea, title="Second", follows=first.pk, start_date="2016-07-18"),
    )
    first.refresh_from_db()
    assert first.decision == "adapt"
    second = PDSACycle.objects.get(title="Second")
    assert second.follows == first
    page = client.get(reverse("projects:change_idea_detail", args=[idea.project_id, idea.pk]))
    body = html.unescape(page.content.decode())
    assert "Latest decision:" in body and "Adapt" in body
    assert body.index("First") < body.index("Second")


def test_ramp_orders_each_cycle_after_the_one_it_follows(idea):
    early_other_ramp = PDSACycleFactory(change_idea=idea, start_date=date(2016, 7, 1))
    first = PDSACycleFactory(change_idea=idea, start_date=date(2016, 7, 4))
    third = PDSACycleFactory(change_idea=idea, start_date=date(2016, 7, 5))
    second = PDSACycleFactory(change_idea=idea, start_date=date(2016, 8, 1), follows=first)
    third.follows = second
    third.save()
    assert ramp([third, second, first, early_other_ramp]) == [
        early_other_ramp,
        first,
        second,
        third,
    ]
