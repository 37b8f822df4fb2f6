"""The list and an entry's page take the same number of queries for 3 projects as for 9."""

import pytest
from django.urls import reverse

from learning.models import ChangeLink
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    SecondaryDriverFactory,
    region,
)

pytestmark = pytest.mark.django_db


def projects_testing(entry, count: int):
    for n in range(count):
        project = ProjectFactory(lead_region=region("wessex"))
        project.participating_regions.set([region("oxford")])
        project.organisations.add(OrganisationFactory())
        primary = PrimaryDriverFactory(project=project)
        secondary = SecondaryDriverFactory(primary_driver=primary)
        idea = ChangeIdeaFactory(project=project, text=f"Falls huddle {n}")
        idea.secondary_drivers.add(secondary)
        ChangeLink.objects.create(change_idea=idea, entry=entry)
        PDSACycleFactory(change_idea=idea)
        PDSACycleFactory(change_idea=idea)
        MeasureFactory(project=project, change_idea=idea, variation="special_cause_improvement")
        MeasureFactory(project=project, secondary_driver=secondary)
        MeasureFactory(project=project, primary_driver=primary, variation="special_cause_concern")
        ChangeIdeaFactory(project=project, text=f"Another falls huddle {n}")
        AdoptionFactory(entry=entry, status="testing")
        ChangeEntryFactory(name=f"Other change {n}")


@pytest.mark.parametrize("who", ["frontline_member", "wessex_lead"])
@pytest.mark.parametrize("page", ["list", "detail"])
def test_the_query_count_does_not_grow_with_the_projects(
    request, client_for, django_assert_max_num_queries, who, page
):
    client = client_for(request.getfixturevalue(who))
    entry = ChangeEntryFactory(name="Falls safety huddle", description="Falls huddle")
    url = reverse("learning:change_list") if page == "list" else entry.get_absolute_url()
    counts = []
    for batch in (3, 6):  # 3, then 9 in all
        projects_testing(entry, batch)
        with django_assert_max_num_queries(60) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    if page == "detail":
        body = response.content.decode()
        assert body.count("Falls huddle ") >= 9
