import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import ChangeIdea, PrimaryDriver, SecondaryDriver
from projects.services import diagram as services
from tests.factories import (
    ChangeIdeaFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectMemberFactory,
    SecondaryDriverFactory,
    region,
)


@pytest.fixture
def project(db):
    return ProjectFactory(title="Reducing inpatient falls")


def texts(queryset) -> list[str]:
    return list(queryset.values_list("text", flat=True))


def test_new_primary_drivers_go_last_and_are_recorded_with_who_added_them(project, wessex_lead):
    first = services.primary_driver_add(by=wessex_lead, project=project, text="  Risk assessment ")
    second = services.primary_driver_add(by=wessex_lead, project=project, text="Safe wards")
    assert texts(project.primary_drivers.all()) == ["Risk assessment", "Safe wards"]
    assert second.position == first.position + 1
    assert first.history.get().history_user == wessex_lead


def test_empty_text_is_refused_naming_the_field(project, wessex_lead):
    with pytest.raises(ValidationError) as refused:
        services.primary_driver_add(by=wessex_lead, project=project, text="   ")
    assert refused.value.message_dict == {"text": ["Enter the driver's text"]}
    assert not PrimaryDriver.objects.exists()


def test_text_over_300_characters_is_refused(project, wessex_lead):
    with pytest.raises(ValidationError) as refused:
        services.primary_driver_add(by=wessex_lead, project=project, text="x" * 301)
    assert "300 characters or fewer (it has 301)" in refused.value.message_dict["text"][0]


def test_secondary_drivers_go_last_under_their_primary(project, wessex_lead):
    primary = PrimaryDriverFactory(project=project)
    SecondaryDriverFactory(primary_driver=primary, text="Existing", position=7)
    added = services.secondary_driver_add(by=wessex_lead, primary_driver=primary, text="New")
    assert added.position == 8
    assert texts(primary.secondary_drivers.all()) == ["Existing", "New"]


def test_a_change_idea_may_serve_several_secondary_drivers(project, wessex_lead):
    a, b = SecondaryDriverFactory.create_batch(2, primary_driver__project=project)
    idea = services.change_idea_add(
        by=wessex_lead, project=project, text="Safety huddle", secondary_drivers=[a, b]
    )
    assert set(idea.secondary_drivers.all()) == {a, b}
    assert idea.history.first().history_user == wessex_lead


def test_linking_a_change_idea_to_another_projects_driver_is_refused(project, wessex_lead):
    ours = SecondaryDriverFactory(primary_driver__project=project)
    theirs = SecondaryDriverFactory(text="Someone else's driver")
    with pytest.raises(ValidationError) as refused:
        services.change_idea_add(
            by=wessex_lead, project=project, text="Huddle", secondary_drivers=[ours, theirs]
        )
    assert (
        "“Someone else's driver” is a secondary driver of another project"
        in (refused.value.message_dict["secondary_drivers"][0])
    )
    assert not ChangeIdea.objects.exists()  # nothing half-saved

    idea = ChangeIdeaFactory(project=project)
    with pytest.raises(ValidationError):
        services.change_idea_link(by=wessex_lead, change_idea=idea, secondary_drivers=[theirs])
    assert not idea.secondary_drivers.exists()


def test_relinking_sets_exactly_the_chosen_drivers_and_records_it(project, wessex_lead):
    a, b = SecondaryDriverFactory.create_batch(2, primary_driver__project=project)
    idea = ChangeIdeaFactory(project=project)
    idea.secondary_drivers.set([a])
    services.change_idea_link(by=wessex_lead, change_idea=idea, secondary_drivers=[b])
    assert list(idea.secondary_drivers.all()) == [b]
    assert idea.history.first().history_user == wessex_lead


def test_rename_records_the_old_and_new_text(project, wessex_lead):
    driver = PrimaryDriverFactory(project=project, text="Old")
    services.node_rename(by=wessex_lead, node=driver, text="New")
    driver.refresh_from_db()
    assert driver.text == "New"
    latest = driver.history.first()
    assert (latest.history_user, latest.prev_record.text) == (wessex_lead, "Old")


def test_renaming_a_change_idea_to_nothing_names_the_change_idea(project, wessex_lead):
    idea = ChangeIdeaFactory(project=project, text="Huddle")
    with pytest.raises(ValidationError) as refused:
        services.node_rename(by=wessex_lead, node=idea, text="")
    assert refused.value.message_dict == {"text": ["Enter the change idea's text"]}


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends(project, wessex_lead):
    a, b, c = (PrimaryDriverFactory(project=project, text=t, position=0) for t in "ABC")
    services.node_move(by=wessex_lead, node=c, direction="up")
    assert texts(project.primary_drivers.all()) == ["A", "C", "B"]
    services.node_move(by=wessex_lead, node=a, direction="up")  # already first: stays
    services.node_move(by=wessex_lead, node=a, direction="down")
    assert texts(project.primary_drivers.all()) == ["C", "A", "B"]
    assert b.history.first().history_user == wessex_lead


def test_secondary_drivers_reorder_only_among_their_siblings(project, wessex_lead):
    one, two = PrimaryDriverFactory.create_batch(2, project=project)
    x = SecondaryDriverFactory(primary_driver=one, text="X")
    SecondaryDriverFactory(primary_driver=one, text="Y")
    SecondaryDriverFactory(primary_driver=two, text="Z")
    services.node_move(by=wessex_lead, node=x, direction="down")
    assert texts(one.secondary_drivers.all()) == ["Y", "X"]
    assert texts(two.secondary_drivers.all()) == ["Z"]


def test_an_unknown_direction_is_refused(project, wessex_lead):
    driver = PrimaryDriverFactory(project=project)
    with pytest.raises(ValidationError) as refused:
        services.node_move(by=wessex_lead, node=driver, direction="sideways")
    assert "direction" in refused.value.message_dict


def test_a_secondary_driver_moves_to_the_end_of_another_primary(project, wessex_lead):
    one, two = PrimaryDriverFactory.create_batch(2, project=project)
    moving = SecondaryDriverFactory(primary_driver=one, text="Moving")
    SecondaryDriverFactory(primary_driver=two, text="Staying")
    services.secondary_driver_reparent(by=wessex_lead, secondary_driver=moving, primary_driver=two)
    assert texts(two.secondary_drivers.all()) == ["Staying", "Moving"]
    assert moving.history.first().history_user == wessex_lead


def test_a_secondary_driver_cannot_move_to_another_projects_primary(project, wessex_lead):
    moving = SecondaryDriverFactory(primary_driver__project=project)
    elsewhere = PrimaryDriverFactory()
    with pytest.raises(ValidationError) as refused:
        services.secondary_driver_reparent(
            by=wessex_lead, secondary_driver=moving, primary_driver=elsewhere
        )
    assert "primary_driver" in refused.value.message_dict


def test_deleting_a_change_idea_with_cycles_is_refused(project, wessex_lead):
    idea = ChangeIdeaFactory(project=project)
    PDSACycleFactory.create_batch(2, change_idea=idea)
    with pytest.raises(ValidationError) as refused:
        services.node_delete(by=wessex_lead, node=idea)
    assert refused.value.messages[0].startswith(
        "This change idea has 2 PDSA cycles, so it cannot be deleted; "
    )
    assert ChangeIdea.objects.filter(pk=idea.pk).exists()


def test_deleting_a_primary_driver_takes_its_secondaries_but_keeps_change_ideas(
    project, wessex_lead
):
    primary = PrimaryDriverFactory(project=project)
    secondary = SecondaryDriverFactory(primary_driver=primary)
    idea = ChangeIdeaFactory(project=project)
    idea.secondary_drivers.set([secondary])
    services.node_delete(by=wessex_lead, node=primary)
    assert not SecondaryDriver.objects.exists()
    assert list(project.change_ideas.all()) == [idea]
    assert not idea.secondary_drivers.exists()
    deleted = SecondaryDriver.history.get(id=secondary.pk, history_type="-")
    assert deleted.history_user == wessex_lead
    assert idea.history.first().history_user == wessex_lead  # the unlinking, recorded


def test_a_change_idea_without_cycles_is_deleted(project, wessex_lead):
    idea = ChangeIdeaFactory(project=project)
    services.node_delete(by=wessex_lead, node=idea)
    assert not ChangeIdea.objects.exists()
    assert ChangeIdea.history.get(history_type="-").history_user == wessex_lead


def test_another_regions_lead_is_refused_with_a_sentence(project, oxford_lead):
    with pytest.raises(PermissionDenied, match="Only the project team, leads of its regions"):
        services.primary_driver_add(by=oxford_lead, project=project, text="Taken over")
    assert not PrimaryDriver.objects.exists()


def test_national_viewers_cannot_change_the_diagram(project, national_viewer):
    driver = PrimaryDriverFactory(project=project, text="Kept")
    with pytest.raises(PermissionDenied):
        services.node_rename(by=national_viewer, node=driver, text="Changed")
    with pytest.raises(PermissionDenied):
        services.node_delete(by=national_viewer, node=driver)


@pytest.mark.parametrize("who", ["member", "participating_lead", "admin"])
def test_team_members_participating_leads_and_admins_edit(
    project, who, frontline_member, oxford_lead, national_admin
):
    if who == "member":
        ProjectMemberFactory(project=project, user=frontline_member)
        user = frontline_member
    elif who == "participating_lead":
        project.participating_regions.add(region("oxford"))
        user = oxford_lead
    else:
        user = national_admin
    driver = services.primary_driver_add(by=user, project=project, text="Allowed")
    assert driver.history.get().history_user == user
