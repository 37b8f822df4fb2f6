import html
import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.urls import reverse

from projects.models import ChangeIdea, PrimaryDriver, SecondaryDriver
from tests.factories import (
    ChangeIdeaFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectMemberFactory,
    SecondaryDriverFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def project(db):
    return ProjectFactory(title="Reducing inpatient falls")


@pytest.fixture
def diagram(project):
    """Two primaries, three secondaries, and a change idea serving two of them."""
    risk = PrimaryDriverFactory(project=project, text="Reliable risk assessment")
    ward = PrimaryDriverFactory(project=project, text="Safe ward environment")
    within_6h = SecondaryDriverFactory(primary_driver=risk, text="Assessed within 6 hours")
    bp = SecondaryDriverFactory(primary_driver=risk, text="Lying and standing BP")
    bells = SecondaryDriverFactory(primary_driver=ward, text="Call bells in reach")
    huddle = ChangeIdeaFactory(project=project, text="Daily safety huddle")
    huddle.secondary_drivers.set([within_6h, bells])
    checklist = ChangeIdeaFactory(project=project, text="Admission checklist")
    checklist.secondary_drivers.set([bp])
    return {"risk": risk, "ward": ward, "within_6h": within_6h, "bp": bp, "bells": bells,
            "huddle": huddle, "checklist": checklist}  # fmt: skip


def page_text(response) -> str:
    """The body with HTML entities decoded, so assertions read as the page does."""
    return html.unescape(response.content.decode())


def editor_url(project) -> str:
    return reverse("projects:diagram", args=[project.pk])


def add_primary_url(project) -> str:
    return reverse("projects:diagram_add_primary", args=[project.pk])


def node_url(name: str, project, *args) -> str:
    return reverse(f"projects:{name}", args=[project.pk, *args])


# Who may do what -----------------------------------------------------------------------------


def test_a_lead_of_the_projects_region_sees_the_editor(client_for, wessex_lead, diagram):
    body = page_text(client_for(wessex_lead).get(editor_url(diagram["risk"].project)))
    assert "Add primary driver" in body and "hx-post" in body
    assert 'Move down<span class="nhsuk-u-visually-hidden"> the primary driver' in body
    assert '<svg role="img"' in body and "<figcaption" in body
    assert "Secondary driver: Call bells in reach" in body  # the outline


def test_a_lead_adds_a_primary_driver_without_javascript(client_for, wessex_lead, project):
    client = client_for(wessex_lead)
    response = client.post(add_primary_url(project), {"add-primary-text": "Safe discharge"})
    assert response.status_code == 302
    assert response["Location"] == editor_url(project)
    assert PrimaryDriver.objects.get().text == "Safe discharge"
    after = page_text(client.get(editor_url(project)))
    assert "Added the primary driver “Safe discharge”." in after


def test_with_htmx_a_change_answers_with_the_editor_alone(client_for, wessex_lead, project):
    response = client_for(wessex_lead).post(
        add_primary_url(project), {"add-primary-text": "Safe discharge"}, **HTMX
    )
    body = page_text(response)
    assert response.status_code == 200
    assert "<html" not in body and "Safe discharge" in body
    assert 'hx-swap-oob="innerHTML:#diagram-status"' in body
    assert "HX-Request" in response["Vary"]


def test_empty_text_is_explained_beside_the_field_and_nothing_is_saved(
    client_for, wessex_lead, project
):
    response = client_for(wessex_lead).post(add_primary_url(project), {"add-primary-text": " "})
    body = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in body and "Enter the driver's text" in body
    assert 'href="#id_add-primary-text"' in body
    assert "<title>Error: Driver diagram" in body
    assert not PrimaryDriver.objects.exists()


def test_another_regions_lead_reads_but_cannot_change(client_for, oxford_lead, diagram):
    project = diagram["risk"].project
    client = client_for(oxford_lead)
    body = page_text(client.get(editor_url(project)))
    assert "Reliable risk assessment" in body
    assert "Add primary driver" not in body and "hx-post" not in body
    response = client.post(add_primary_url(project), {"add-primary-text": "Taken over"})
    assert response.status_code == 403
    assert "Only the project team, leads of its regions and national admins can change" in (
        page_text(response)
    )
    rename = node_url("diagram_rename", project, "primary", diagram["risk"].pk)
    assert client.post(rename, {"rename-primary-1-text": "x"}).status_code == 403
    assert PrimaryDriver.objects.count() == 2


def test_a_team_member_edits_their_project(client_for, frontline_member, project):
    ProjectMemberFactory(project=project, user=frontline_member)
    response = client_for(frontline_member).post(
        add_primary_url(project), {"add-primary-text": "Ward culture"}
    )
    assert response.status_code == 302
    assert PrimaryDriver.objects.get().history.get().history_user == frontline_member


def test_someone_outside_the_team_cannot_edit(client_for, frontline_member, project):
    response = client_for(frontline_member).post(
        add_primary_url(project), {"add-primary-text": "Ward culture"}
    )
    assert response.status_code == 403


def test_national_viewers_read_only(client_for, national_viewer, diagram):
    project = diagram["risk"].project
    client = client_for(national_viewer)
    body = page_text(client.get(editor_url(project)))
    assert "Daily safety huddle" in body and "Add primary driver" not in body
    assert client.get(node_url("diagram_svg", project)).status_code == 200
    delete = node_url("diagram_delete", project, "primary", diagram["risk"].pk)
    assert client.post(delete).status_code == 403
    confirm = node_url("diagram_confirm_delete", project, "primary", diagram["risk"].pk)
    assert client.get(confirm).status_code == 403
    assert PrimaryDriver.objects.count() == 2


def test_national_admins_edit_any_project(client_for, national_admin, project):
    response = client_for(national_admin).post(
        add_primary_url(project), {"add-primary-text": "Leadership"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["diagram", "diagram_svg", "diagram_png"])
def test_anonymous_visitors_are_sent_to_sign_in(client, project, name):
    response = client.get(node_url(name, project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_change_endpoints_accept_only_post(client_for, wessex_lead, diagram):
    project = diagram["risk"].project
    assert client_for(wessex_lead).get(add_primary_url(project)).status_code == 405
    delete = node_url("diagram_delete", project, "primary", diagram["risk"].pk)
    assert client_for(wessex_lead).get(delete).status_code == 405


def test_a_node_of_another_project_is_not_found(client_for, wessex_lead, project):
    elsewhere = PrimaryDriverFactory(text="Elsewhere")
    url = node_url("diagram_rename", project, "primary", elsewhere.pk)
    response = client_for(wessex_lead).post(url, {f"rename-primary-{elsewhere.pk}-text": "Mine"})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.text == "Elsewhere"


# Every change, as a plain form -----------------------------------------------------------------


def test_a_lead_adds_a_secondary_driver_and_a_shared_change_idea(client_for, wessex_lead, diagram):
    project, risk = diagram["risk"].project, diagram["risk"]
    client = client_for(wessex_lead)
    add = node_url("diagram_add_secondary", project, risk.pk)
    assert client.post(add, {f"add-secondary-{risk.pk}-text": "Falls history"}).status_code == 302
    assert risk.secondary_drivers.last().text == "Falls history"
    chosen = [diagram["bp"].pk, diagram["bells"].pk]
    response = client.post(
        node_url("diagram_add_idea", project),
        {"add-idea-text": "Bed rails audit", "add-idea-secondary_drivers": chosen},
    )
    assert response.status_code == 302
    idea = ChangeIdea.objects.get(text="Bed rails audit")
    assert set(idea.secondary_drivers.values_list("pk", flat=True)) == set(chosen)


def test_a_rename_error_opens_its_section_and_the_summary_links_to_the_field(
    client_for, wessex_lead, diagram
):
    project, risk = diagram["risk"].project, diagram["risk"]
    response = client_for(wessex_lead).post(
        node_url("diagram_rename", project, "primary", risk.pk),
        {f"rename-primary-{risk.pk}-text": ""},
    )
    body = page_text(response)
    assert f'href="#id_rename-primary-{risk.pk}-text"' in body
    assert re.search(rf'id="change-primary-{risk.pk}"\s+open>', body)
    risk.refresh_from_db()
    assert risk.text == "Reliable risk assessment"


def test_linking_to_another_projects_driver_is_refused(client_for, wessex_lead, diagram):
    project, huddle = diagram["risk"].project, diagram["huddle"]
    theirs = SecondaryDriverFactory(text="Not ours")
    response = client_for(wessex_lead).post(
        node_url("diagram_link", project, huddle.pk),
        {f"link-{huddle.pk}-secondary_drivers": [theirs.pk]},
    )
    assert response.status_code == 200
    assert "Select secondary drivers from this project's diagram" in page_text(response)
    assert huddle.secondary_drivers.count() == 2


def test_a_lead_renames_moves_reparents_and_relinks(client_for, wessex_lead, diagram):
    project, client = diagram["risk"].project, client_for(wessex_lead)
    risk, bp, huddle = diagram["risk"], diagram["bp"], diagram["huddle"]
    client.post(node_url("diagram_rename", project, "primary", risk.pk),
                {f"rename-primary-{risk.pk}-text": "Risk assessment"})  # fmt: skip
    client.post(node_url("diagram_move", project, "primary", risk.pk), {"direction": "down"})
    client.post(node_url("diagram_reparent", project, bp.pk),
                {f"reparent-{bp.pk}-primary_driver": diagram["ward"].pk})  # fmt: skip
    client.post(node_url("diagram_link", project, huddle.pk),
                {f"link-{huddle.pk}-secondary_drivers": [bp.pk]})  # fmt: skip
    assert list(project.primary_drivers.values_list("text", flat=True)) == [
        "Safe ward environment", "Risk assessment"
    ]  # fmt: skip
    assert list(diagram["ward"].secondary_drivers.all()) == [diagram["bells"], bp]
    assert list(huddle.secondary_drivers.all()) == [bp]


def test_delete_asks_first_then_deletes(client_for, wessex_lead, diagram):
    project, risk = diagram["risk"].project, diagram["risk"]
    client = client_for(wessex_lead)
    confirm = page_text(client.get(node_url("diagram_confirm_delete", project, "primary", risk.pk)))
    assert "Delete the primary driver “Reliable risk assessment”?" in confirm
    assert "Its 2 secondary drivers will be deleted too." in confirm
    assert PrimaryDriver.objects.filter(pk=risk.pk).exists()
    response = client.post(node_url("diagram_delete", project, "primary", risk.pk))
    assert response.status_code == 302
    assert not PrimaryDriver.objects.filter(pk=risk.pk).exists()
    assert not SecondaryDriver.objects.filter(primary_driver_id=risk.pk).exists()


def test_a_change_idea_with_cycles_is_not_deleted_and_the_page_says_why(
    client_for, wessex_lead, diagram
):
    project, huddle = diagram["risk"].project, diagram["huddle"]
    PDSACycleFactory.create_batch(2, change_idea=huddle)
    client = client_for(wessex_lead)
    confirm = page_text(client.get(node_url("diagram_confirm_delete", project, "idea", huddle.pk)))
    assert "This change idea has 2 PDSA cycles, so it cannot be deleted;" in confirm
    assert "Yes, delete it" not in confirm
    response = client.post(node_url("diagram_delete", project, "idea", huddle.pk), **HTMX)
    assert response.status_code == 200
    assert "There is a problem" in page_text(response)
    assert "This change idea has 2 PDSA cycles, so it cannot be deleted;" in page_text(response)
    assert ChangeIdea.objects.filter(pk=huddle.pk).exists()


# The images ------------------------------------------------------------------------------------


def test_the_svg_parses_and_holds_every_nodes_text(client_for, national_viewer, diagram):
    project = diagram["risk"].project
    response = client_for(national_viewer).get(node_url("diagram_svg", project))
    assert response["Content-Type"] == "image/svg+xml"
    assert "Content-Disposition" not in response
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Driver diagram: Reducing inpatient falls"
    description = root.find(f"{SVG}desc").text
    drawn = " ".join(text.text for text in root.iter(f"{SVG}text"))
    for node in diagram.values():
        assert node.text in description
        assert all(word in drawn for word in node.text.split())
    assert description.count("Change idea: Daily safety huddle") == 2


def test_the_svg_and_png_download_as_attachments(client_for, national_viewer, diagram):
    project, client = diagram["risk"].project, client_for(national_viewer)
    svg = client.get(node_url("diagram_svg", project), {"download": "1"})
    assert svg["Content-Disposition"] == (
        'attachment; filename="reducing-inpatient-falls-driver-diagram.svg"'
    )
    png = client.get(node_url("diagram_png", project), {"download": "1"})
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(PNG_SIGNATURE)
    assert png["Content-Disposition"].endswith('driver-diagram.png"')


def test_markup_in_a_drivers_text_is_shown_as_text_not_run(client_for, wessex_lead, project):
    PrimaryDriverFactory(project=project, text="<script>alert('x')</script> & <b>bold</b>")
    client = client_for(wessex_lead)
    svg = client.get(node_url("diagram_svg", project)).content.decode()
    ElementTree.fromstring(svg)  # well-formed, so the text was escaped
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<script>alert" not in client.get(editor_url(project)).content.decode()


def test_an_empty_diagram_still_draws(client_for, national_viewer, project):
    client = client_for(national_viewer)
    root = ElementTree.fromstring(client.get(node_url("diagram_svg", project)).content)
    assert "Aim: Improve falls with harm" in root.find(f"{SVG}desc").text
    assert client.get(node_url("diagram_png", project)).content.startswith(PNG_SIGNATURE)


# Queries ---------------------------------------------------------------------------------------


def build_diagram(project, primaries: int, secondaries: int, ideas: int) -> None:
    drivers = []
    for _ in range(primaries):
        primary = PrimaryDriverFactory(project=project)
        drivers += SecondaryDriverFactory.create_batch(secondaries, primary_driver=primary)
    for index in range(ideas):
        idea = ChangeIdeaFactory(project=project)
        idea.secondary_drivers.set(drivers[index % len(drivers) :][:2])


def queries_for_editor(client, django_assert_max_num_queries, project) -> int:
    with django_assert_max_num_queries(100) as captured:
        response = client.get(editor_url(project))
    assert response.status_code == 200
    return len(captured)


def test_the_editor_uses_the_same_queries_for_a_small_or_large_diagram(
    client_for, wessex_lead, django_assert_max_num_queries
):
    small, large = ProjectFactory(), ProjectFactory()
    build_diagram(small, primaries=1, secondaries=1, ideas=1)
    build_diagram(large, primaries=5, secondaries=4, ideas=15)
    client = client_for(wessex_lead)
    assert queries_for_editor(client, django_assert_max_num_queries, small) == (
        queries_for_editor(client, django_assert_max_num_queries, large)
    )
