import re
from datetime import date

import pytest
from django.urls import reverse

from projects.models import PDSADecision, PDSAStatus, Topic
from tests.factories import ChangeIdeaFactory, PDSACycleFactory, ProjectFactory, region

SEARCH = reverse("projects:change_idea_search")
ROW_IDEA = re.compile(r'aria-hidden="true">Change idea </span><a href="[^"]+">([^<]+)</a>')


def ideas(response) -> list[str]:
    assert response.status_code == 200
    return ROW_IDEA.findall(response.content.decode())


def decided_cycle(idea, decision, start, end=None):
    return PDSACycleFactory(
        change_idea=idea,
        decision=decision,
        status=PDSAStatus.COMPLETE,
        start_date=start,
        end_date=end,
    )


def test_anonymous_visitors_are_asked_to_sign_in(client, db):
    response = client.get(SEARCH)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_finds_an_idea_in_every_region_with_its_cycles_and_latest_decision(client_for, wessex_lead):
    wessex = ProjectFactory(title="Wessex sepsis", lead_region=region("wessex"))
    yorkshire = ProjectFactory(title="Yorkshire sepsis", lead_region=region("yorkshire-humber"))
    screening = ChangeIdeaFactory(project=wessex, text="Sepsis screening tool in ED")
    decided_cycle(screening, PDSADecision.ADAPT, date(2016, 7, 4), date(2016, 7, 25))
    decided_cycle(screening, PDSADecision.ADOPT, date(2016, 8, 1), date(2016, 8, 29))
    ChangeIdeaFactory(
        project=yorkshire,
        text="Nurse-led triage",
        description="Uses a sepsis SCREENING tool at the front door",
    )
    ChangeIdeaFactory(project=yorkshire, text="Fluid balance charts")

    response = client_for(wessex_lead).get(SEARCH, {"q": "screening tool"})
    body = response.content.decode()
    assert ideas(response) == ["Nurse-led triage", "Sepsis screening tool in ED"]
    assert "2 change ideas" in body
    detail = reverse("projects:change_idea_detail", args=[wessex.pk, screening.pk])
    assert f'href="{detail}"' in body
    assert f'href="{yorkshire.get_absolute_url()}"' in body
    assert "Yorkshire and Humber" in body
    screening_row = body[body.index("Sepsis screening tool in ED") :]
    assert "2 cycles" in screening_row
    assert "Adopt" in screening_row and "29 August 2016" in screening_row
    triage_row = body[body.index("Nurse-led triage") : body.index("Sepsis screening tool in ED")]
    assert "None yet" in triage_row and "No decision yet" in triage_row


def test_filters_by_project_topic_and_region(client_for, frontline_member):
    sepsis = ProjectFactory(topic=Topic.SEPSIS, lead_region=region("oxford"))
    falls = ProjectFactory(topic=Topic.FALLS, lead_region=region("wessex"))
    falls.participating_regions.set([region("oxford"), region("eastern")])
    ChangeIdeaFactory(project=sepsis, text="Huddle about sepsis")
    ChangeIdeaFactory(project=falls, text="Huddle about falls")
    ChangeIdeaFactory(project=ProjectFactory(lead_region=region("eastern")), text="Huddle east")
    client = client_for(frontline_member)
    assert ideas(client.get(SEARCH, {"q": "huddle", "topic": "sepsis"})) == ["Huddle about sepsis"]
    assert ideas(client.get(SEARCH, {"q": "huddle", "region": "oxford"})) == [
        "Huddle about falls",
        "Huddle about sepsis",
    ]


def test_pagination_keeps_the_search(client_for, frontline_member):
    project = ProjectFactory()
    for n in range(27):
        ChangeIdeaFactory(project=project, text=f"Safety huddle {n:02d}")
    ChangeIdeaFactory(project=project, text="Something else")
    client = client_for(frontline_member)
    first = client.get(SEARCH, {"q": "huddle"})
    assert len(ideas(first)) == 25
    assert 'href="?q=huddle&amp;page=2"' in first.content.decode()
    assert ideas(client.get(SEARCH, {"q": "huddle", "page": 2})) == [
        "Safety huddle 25",
        "Safety huddle 26",
    ]


def make_ideas_with_cycles(count: int):
    for n in range(count):
        project = ProjectFactory(lead_region=region("oxford"))
        project.participating_regions.set([region("wessex")])
        idea = ChangeIdeaFactory(project=project, text=f"Idea {n}")
        decided_cycle(idea, PDSADecision.ADOPT, date(2016, 7, 4), date(2016, 7, 11))
        PDSACycleFactory(change_idea=idea, start_date=date(2016, 7, 18))


@pytest.mark.parametrize("query", [{}, {"q": "idea", "region": "wessex", "topic": "falls"}])
def test_the_query_count_does_not_grow_with_the_rows(
    client_for, frontline_member, django_assert_max_num_queries, query
):
    client = client_for(frontline_member)
    counts = []
    for batch in (5, 35):
        make_ideas_with_cycles(batch)
        with django_assert_max_num_queries(50) as captured:
            assert client.get(SEARCH, query).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
