from datetime import date

from django.urls import reverse

from projects.models import ProjectStatus
from tests.factories import ChangeIdeaFactory, PDSACycleFactory, ProjectFactory, region

HOME = reverse("home")


def test_a_lead_sees_the_projects_their_region_leads_or_joins(client_for, wessex_lead):
    ProjectFactory(title="Led by Wessex", lead_region=region("wessex"))
    joined = ProjectFactory(title="Joined by Wessex", lead_region=region("oxford"))
    joined.participating_regions.set([region("wessex")])
    ProjectFactory(title="Oxford only", lead_region=region("oxford"))
    body = client_for(wessex_lead).get(HOME).content.decode()
    assert "Your regions" in body and "Projects in Wessex" in body
    assert "Led by Wessex" in body and "Joined by Wessex" in body
    assert "Oxford only" not in body
    assert "See all 2 projects in Wessex" in body
    assert 'href="/projects/?region=wessex"' in body


def test_a_lead_sees_the_newest_ten(client_for, oxford_lead):
    for n in range(12):
        ProjectFactory(
            title=f"Oxford {n:02d}", lead_region=region("oxford"), start_date=date(2016, 1, 1 + n)
        )
    body = client_for(oxford_lead).get(HOME).content.decode()
    assert "Newest 10 of 12 projects" in body
    assert "Oxford 11" in body and "Oxford 02" in body
    assert "Oxford 01" not in body and "Oxford 00" not in body


def test_a_national_user_sees_counts_by_status_and_a_link_to_all(client_for, national_viewer):
    ProjectFactory.create_batch(3, status=ProjectStatus.ACTIVE)
    ProjectFactory(
        status=ProjectStatus.COMPLETED, completed_on=date(2017, 3, 1), lead_region=region("oxford")
    )
    body = client_for(national_viewer).get(HOME).content.decode()
    assert "Projects by status" in body
    counts = body[body.index("Projects by status") :]
    for count, label, status in (
        (0, "Planned", "planned"),
        (3, "Active", "active"),
        (1, "Completed", "completed"),
        (0, "Stopped", "stopped"),
    ):
        assert f'href="/projects/?status={status}"' in counts
        assert f">{count}</span> {label}" in counts
    assert 'href="/projects/">See all projects' in body
    assert "Your regions" not in body


def test_a_team_member_sees_neither_list(client_for, frontline_member):
    ProjectFactory(title="A project elsewhere")
    body = client_for(frontline_member).get(HOME).content.decode()
    assert "A project elsewhere" not in body and "Projects by status" not in body


def test_the_home_page_query_count_does_not_grow_with_projects(
    client_for, wessex_lead, django_assert_max_num_queries
):
    client = client_for(wessex_lead)
    counts = []
    for batch in (3, 15):
        for _ in range(batch):
            project = ProjectFactory(lead_region=region("oxford"))
            project.participating_regions.set([region("wessex"), region("eastern")])
            PDSACycleFactory(
                change_idea=ChangeIdeaFactory(project=project), start_date=date(2016, 7, 4)
            )
        with django_assert_max_num_queries(30) as captured:
            assert client.get(HOME).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_team_member_sees_their_projects_and_new_signals(client_for, frontline_member):
    from measurement.models import Notification
    from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory

    project = ProjectFactory(title="Sepsis in ED")
    ProjectMemberFactory(project=project, user=frontline_member)
    Notification.objects.create(
        user=frontline_member, message="A shift", measure=MeasureFactory(project=project)
    )
    body = client_for(frontline_member).get("/").content.decode()
    assert "Your projects" in body and "Sepsis in ED" in body
    assert f"/measures/project/{project.pk}/" in body
    assert "1 new signal on your measures" in body
