"""Starting a project from a published story (learning.services.reuse): the diagram copied with
its shape, texts and order; its change ideas linked to the same catalogue entries; a planned
adoption of each for the organisation; the StoryReuse row; and refusals that write nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import Adoption, ChangeLink, StoryReuse
from learning.services.reuse import start_project_from_story
from measurement.models import Measure
from projects.models import (
    CareSetting,
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectMember,
    SecondaryDriver,
    Topic,
)
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectMemberFactory,
    SecondaryDriverFactory,
    StoryFactory,
    region,
)

pytestmark = pytest.mark.django_db


def build_published_wessex_story(**story_fields) -> dict:
    """A Wessex project with a driver diagram (positions with gaps, an idea serving two drivers,
    one serving none), two ideas linked to published entries and one to a Wessex draft, a
    PDSA cycle, a measure, a team member, and its story published (unless told otherwise)."""
    source = ProjectFactory(
        title="Verbal handover of swab counts",
        lead_region=region("wessex"),
        topic=Topic.NEVER_EVENTS,
        aim_what="Swab counts handed over verbally",
        aim_for_whom="women giving birth at the trust",
        aim_how_much="from 27% to 90%",
        aim_by_when=date(2017, 3, 31),
        aim_text="Every swab count is handed over verbally at shift change.",
    )
    source.care_settings.set(CareSetting.objects.order_by("name")[:2])
    people = PrimaryDriverFactory(project=source, text="Reliable handover", position=0)
    kit = PrimaryDriverFactory(project=source, text="Swab kit and boards", position=4)
    script = SecondaryDriverFactory(primary_driver=people, text="A handover script", position=1)
    habit = SecondaryDriverFactory(primary_driver=people, text="Night-shift habit", position=3)
    board = SecondaryDriverFactory(primary_driver=kit, text="A swab board in theatre", position=0)
    line = ChangeIdeaFactory(
        project=source, text="A line in the handover script", description="Read aloud", position=0
    )
    line.secondary_drivers.set([script, board])
    audit = ChangeIdeaFactory(project=source, text="Monthly audit of counts", position=2)
    audit.secondary_drivers.set([habit])
    poster = ChangeIdeaFactory(project=source, text="A poster in the sluice", position=7)
    script_entry = ChangeEntryFactory(name="Verbal swab handover", slug="verbal-swab-handover")
    audit_entry = ChangeEntryFactory(name="Count audit", slug="count-audit")
    draft = ChangeEntryFactory(name="Wessex draft", slug="wessex-draft", status="draft")
    ChangeLink.objects.create(change_idea=line, entry=script_entry)
    ChangeLink.objects.create(change_idea=audit, entry=audit_entry)
    ChangeLink.objects.create(change_idea=poster, entry=draft)
    PDSACycleFactory(change_idea=line)
    MeasureFactory(project=source)
    ProjectMemberFactory(project=source)
    story = StoryFactory(
        project=source, slug="verbal-swab-handover", **({"published": True} | story_fields)
    )
    return {
        "source": source,
        "story": story,
        "script_entry": script_entry,
        "audit_entry": audit_entry,
        "draft": draft,
        "organisation": OrganisationFactory(name="Oxford Royal", region=region("oxford")),
    }


@pytest.fixture
def world(db):
    return build_published_wessex_story()


def diagram_shape(project: Project) -> dict:
    """The diagram as plain values: every text, position and link, no ids."""
    return {
        "primaries": [
            (p.text, p.position, [(s.text, s.position) for s in p.secondary_drivers.all()])
            for p in project.primary_drivers.all()
        ],
        "ideas": [
            (i.text, i.description, i.position, sorted(s.text for s in i.secondary_drivers.all()))
            for i in project.change_ideas.all()
        ],
    }


def row_counts() -> dict:
    models = (Project, PrimaryDriver, SecondaryDriver, ChangeIdea, ChangeLink, Adoption,
              StoryReuse, ProjectMember, PDSACycle, Measure)  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def _start(world, by, **overrides):
    arguments = {
        "by": by,
        "story": world["story"],
        "lead_region": region("oxford"),
        "organisation": world["organisation"],
    }
    return start_project_from_story(**(arguments | overrides))


def test_the_new_project_copies_the_driver_diagram_exactly(world, oxford_lead):
    project = _start(world, oxford_lead)
    assert project.pk != world["source"].pk
    assert diagram_shape(project) == diagram_shape(world["source"])
    assert diagram_shape(project)["ideas"][0] == (
        "A line in the handover script",
        "Read aloud",
        0,
        ["A handover script", "A swab board in theatre"],
    )
    copied_secondaries = SecondaryDriver.objects.filter(primary_driver__project=project)
    assert copied_secondaries.count() == 3
    for idea in project.change_ideas.all():
        assert {s.primary_driver.project_id for s in idea.secondary_drivers.all()} <= {project.pk}
    assert project.primary_drivers.first().history.first().history_user == oxford_lead


def test_the_new_project_is_planned_with_the_story_aim_topic_and_care_settings(world, oxford_lead):
    project = _start(world, oxford_lead)
    source = world["source"]
    assert project.status == "planned"
    assert project.title == "Verbal handover of swab counts"
    assert project.lead_region == region("oxford")
    assert project.topic == Topic.NEVER_EVENTS
    assert project.start_date == timezone.localdate()
    for name in ("aim_what", "aim_for_whom", "aim_how_much", "aim_text"):
        assert getattr(project, name) == getattr(source, name)
    assert project.aim_by_when is None  # the first team's deadline is not the new team's
    assert set(project.care_settings.all()) == set(source.care_settings.all())
    assert list(project.organisations.all()) == [world["organisation"]]
    assert project.summary.startswith("Started from the story “Verbal handover of swab counts”")
    assert "/archive/verbal-swab-handover/" in project.summary
    lead = project.members.get()
    assert (lead.user, lead.role) == (oxford_lead, "lead")


def test_a_title_and_start_date_given_are_the_new_projects(world, oxford_lead):
    project = _start(
        world, oxford_lead, title="Swab handover in Oxford", start_date=date(2027, 1, 4)
    )
    assert project.title == "Swab handover in Oxford"
    assert project.start_date == date(2027, 1, 4)


def test_copied_change_ideas_test_the_same_catalogue_entries(world, oxford_lead):
    project = _start(world, oxford_lead)
    links = {
        link.change_idea.text: link.entry
        for link in ChangeLink.objects.filter(change_idea__project=project)
    }
    # The Wessex draft is not Oxford's lead's to see, so its idea is copied without a link.
    assert links == {
        "A line in the handover script": world["script_entry"],
        "Monthly audit of counts": world["audit_entry"],
    }
    assert all(
        link.linked_by == oxford_lead
        for link in ChangeLink.objects.filter(change_idea__project=project)
    )


def test_a_national_admin_sees_drafts_so_copies_every_link(world, national_admin):
    project = _start(world, national_admin)
    assert ChangeLink.objects.filter(change_idea__project=project).count() == 3


def test_a_planned_adoption_of_each_linked_entry_is_recorded_for_the_organisation(
    world, oxford_lead
):
    _start(world, oxford_lead)
    adoptions = Adoption.objects.filter(organisation=world["organisation"]).order_by("entry__name")
    assert [
        (a.entry, a.status, a.adopted_on, a.source, a.source_project, a.recorded_by)
        for a in adoptions
    ] == [
        (entry, "planned", timezone.localdate(), "project", world["source"], oxford_lead)
        for entry in (world["audit_entry"], world["script_entry"])
    ]


def test_an_adoption_the_organisation_has_already_is_left_as_it_is(world, oxford_lead):
    existing = AdoptionFactory(
        organisation=world["organisation"],
        entry=world["script_entry"],
        status="sustained",
        adopted_on=date(2016, 9, 1),
    )
    _start(world, oxford_lead)
    existing.refresh_from_db()
    assert (existing.status, existing.adopted_on, existing.source) == (
        "sustained",
        date(2016, 9, 1),
        "elsewhere",
    )
    planned = Adoption.objects.get(organisation=world["organisation"], entry=world["audit_entry"])
    assert planned.status == "planned"


def test_cycles_measures_and_people_stay_with_the_story(world, oxford_lead):
    before = row_counts()
    project = _start(world, oxford_lead)
    assert project.pdsa_cycles.count() == 0
    assert Measure.objects.filter(project=project).count() == 0
    assert list(project.members.values_list("user", flat=True)) == [oxford_lead.pk]
    after = row_counts()
    assert (after["PDSACycle"], after["Measure"]) == (before["PDSACycle"], before["Measure"])


def test_the_reuse_names_the_story_project_organisation_and_starter(world, oxford_lead):
    project = _start(world, oxford_lead)
    reuse = StoryReuse.objects.get()
    assert (reuse.story, reuse.project, reuse.organisation, reuse.started_by) == (
        world["story"],
        project,
        world["organisation"],
        oxford_lead,
    )
    assert project.started_from == reuse
    assert list(world["story"].reuses.all()) == [reuse]


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_a_story_not_published_is_refused_and_nothing_is_written(oxford_lead, status):
    world = build_published_wessex_story(
        published=False, status=status, published_at=None, first_published_at=None
    )
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        _start(world, oxford_lead)
    assert "story" in refused.value.message_dict
    assert row_counts() == before


@pytest.mark.parametrize("role", ["frontline_member", "national_viewer"])
def test_who_may_not_create_projects_is_refused_and_nothing_is_written(world, request, role):
    before = row_counts()
    with pytest.raises(PermissionDenied):
        _start(world, request.getfixturevalue(role))
    assert row_counts() == before


def test_a_lead_may_not_start_one_led_by_a_region_they_do_not_lead(world, oxford_lead):
    before = row_counts()
    wessex_organisation = OrganisationFactory(region=region("wessex"))
    with pytest.raises(PermissionDenied, match="led by Wessex"):
        _start(world, oxford_lead, lead_region=region("wessex"), organisation=wessex_organisation)
    assert row_counts() == before


def test_the_organisation_must_be_in_the_lead_region(world, oxford_lead):
    before = row_counts()
    wessex_organisation = OrganisationFactory(name="Southampton General", region=region("wessex"))
    with pytest.raises(ValidationError) as refused:
        _start(world, oxford_lead, organisation=wessex_organisation)
    assert "Southampton General is in Wessex" in refused.value.message_dict["organisation"][0]
    assert row_counts() == before


def test_a_title_too_long_is_refused_naming_the_title_and_nothing_is_written(world, oxford_lead):
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        _start(world, oxford_lead, title="x" * 201)
    assert "title" in refused.value.message_dict
    assert row_counts() == before


def test_a_story_can_be_started_from_twice_each_project_its_own(world, oxford_lead):
    first = _start(world, oxford_lead)
    second = _start(world, oxford_lead, title="A second try")
    assert first.pk != second.pk
    assert diagram_shape(second) == diagram_shape(world["source"])
    assert world["story"].reuses.count() == 2
    # The organisation's plans were recorded the first time; the second leaves them be.
    assert Adoption.objects.filter(organisation=world["organisation"]).count() == 2
