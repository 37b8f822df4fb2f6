"""Every write page of the catalogue, tried as every role: the refused get 403, 404 or the sign-in
page and nothing is written; the owner's leads and national admins succeed."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from learning.models import ChangeEntry, ChangeLink, ChangeResource, PackageItem
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    ProgrammeFactory,
    ProjectFactory,
    region,
)

pytestmark = pytest.mark.django_db

REFUSED = ["anonymous", "national_viewer", "oxford_lead", "frontline_member"]
ALLOWED = ["wessex_lead", "national_admin"]


@dataclass
class World:
    entry: ChangeEntry
    idea: object
    programme: object
    resource: ChangeResource
    item: PackageItem


@pytest.fixture
def world(db):
    entry = ChangeEntryFactory(name="Falls safety huddle", slug="falls-safety-huddle")
    programme = ProgrammeFactory(lead_regions=["wessex"])
    return World(
        entry=entry,
        idea=ChangeIdeaFactory(
            project=ProjectFactory(lead_region=region("wessex")), text="Ward huddle"
        ),
        programme=programme,
        resource=ChangeResource.objects.create(entry=entry, title="Guide", url="https://a.org/"),
        item=PackageItem.objects.create(
            programme=programme, entry=ChangeEntryFactory(name="In the package")
        ),
    )


def entry_fields(**extra):
    return {
        "name": "Renamed",
        "description": "Changed",
        "topic": "falls",
        "owner": f"region-{region('wessex').pk}",
        "status": "published",
        **extra,
    }


# (name, method, url(world), data(world))
WRITES = [
    ("create", "get", lambda w: reverse("learning:change_create"), None),
    ("create", "post", lambda w: reverse("learning:change_create"), lambda w: entry_fields()),
    ("update", "get", lambda w: reverse("learning:change_update", args=[w.entry.slug]), None),
    (
        "update",
        "post",
        lambda w: reverse("learning:change_update", args=[w.entry.slug]),
        lambda w: entry_fields(),
    ),
    (
        "resource_add",
        "post",
        lambda w: reverse("learning:resource_add", args=[w.entry.slug]),
        lambda w: {"title": "More", "url": "https://b.org/"},
    ),
    (
        "resource_remove",
        "post",
        lambda w: reverse("learning:resource_remove", args=[w.entry.slug, w.resource.pk]),
        lambda w: {},
    ),
    ("link", "get", lambda w: reverse("learning:change_idea_link", args=[w.idea.pk]), None),
    (
        "link",
        "post",
        lambda w: reverse("learning:change_idea_link", args=[w.idea.pk]),
        lambda w: {"action": "link", "entry": w.entry.slug},
    ),
    (
        "promote",
        "post",
        lambda w: reverse("learning:change_idea_link", args=[w.idea.pk]),
        lambda w: {
            "action": "promote",
            "name": "Ward huddle",
            "description": "A huddle",
            "owner": f"region-{region('wessex').pk}",
            "status": "draft",
        },
    ),
    (
        "package_add",
        "post",
        lambda w: reverse("learning:programme_package", args=[w.programme.slug]),
        lambda w: {"entry": w.entry.slug},
    ),
    (
        "package_remove",
        "post",
        lambda w: reverse("learning:package_item_remove", args=[w.programme.slug, w.item.pk]),
        lambda w: {},
    ),
]
IDS = [f"{name}-{method}" for name, method, _, _ in WRITES]


def snapshot():
    return (
        sorted(ChangeEntry.objects.values_list("name", "status")),
        sorted(ChangeResource.objects.values_list("title", flat=True)),
        sorted(ChangeLink.objects.values_list("change_idea_id", "entry_id")),
        sorted(PackageItem.objects.values_list("programme_id", "entry_id")),
    )


def client_as(request, client, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", REFUSED)
@pytest.mark.parametrize(("name", "method", "url", "data"), WRITES, ids=IDS)
def test_the_refused_can_neither_see_nor_write(
    request, client, world, who, name, method, url, data
):
    client = client_as(request, client, who)
    before = snapshot()
    response = client.get(url(world)) if method == "get" else client.post(url(world), data(world))
    if who == "oxford_lead" and name == "create":
        # Oxford's lead adds entries Oxford owns; a Wessex owner is not among the choices.
        assert response.status_code == 200
        assert method == "get" or "There is a problem" in response.content.decode()
    elif who == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code in (403, 404), response.status_code
    assert snapshot() == before


@pytest.mark.parametrize("who", REFUSED[1:])
def test_the_package_page_offers_readers_no_form(request, client, world, who):
    page = client_as(request, client, who).get(
        reverse("learning:programme_package", args=[world.programme.slug])
    )
    body = page.content.decode()
    assert page.status_code == 200 and "In the package" in body
    assert "Add to the package" not in body and "Remove" not in body


@pytest.mark.parametrize("who", ALLOWED)
@pytest.mark.parametrize(("name", "method", "url", "data"), WRITES, ids=IDS)
def test_the_owners_leads_and_national_admins_may(
    request, client, world, who, name, method, url, data
):
    client = client_as(request, client, who)
    before = snapshot()
    if method == "get":
        assert client.get(url(world)).status_code == 200
        return
    response = client.post(url(world), data(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert snapshot() != before
