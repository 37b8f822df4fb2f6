"""Every page that writes adoptions, tried as every role: who is refused writes nothing.

The organisation is in Wessex; the changes are in the package of a programme whose lead leads
no region. Allowed: Wessex's lead, the programme's lead, a national admin. Refused: anyone
signed out, a national viewer, a frontline member, and Oxford's lead (who leads no programme
concerned: Oxford's lead may open the pages, to record Oxford's organisations, but nothing they
send for Wessex's is saved).
"""

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.adoption_csv import EXPECTED
from learning.models import Adoption, PackageItem
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db

FORM = {"status": "sustained", "adopted_on": "2017-01-09", "source": "elsewhere"}


@pytest.fixture
def world():
    lead = UserFactory(username="programme.lead")
    programme = ProgrammeFactory(slug="matrix-programme", leads=[lead])
    change, existing_change = ChangeEntryFactory(slug="matrix-change"), ChangeEntryFactory()
    for entry in (change, existing_change):
        PackageItem.objects.create(programme=programme, entry=entry)
    organisation = OrganisationFactory(ods_code="RWX", region=region("wessex"))
    OrganisationFactory(ods_code="ROX", region=region("oxford"))  # Oxford's lead records these
    existing = AdoptionFactory(
        organisation=organisation,
        entry=existing_change,
        adopted_on=date(2016, 9, 1),
        status="testing",
    )
    return {
        "programme_lead": lead,
        "programme": programme,
        "change": change,
        "organisation": organisation,
        "existing": existing,
    }


def _create_change(world):
    return reverse("learning:adoption_create") + "?change=matrix-change"


def _create_package(world):
    return reverse("learning:adoption_create") + "?programme=matrix-programme"


def _update(world):
    return reverse("learning:adoption_update", args=[world["existing"].pk])


def _upload(world):
    return reverse("learning:adoption_upload")


def _form_post(world):
    return {**FORM, "organisation": world["organisation"].pk}


def _update_post(world):
    return dict(FORM)


def _upload_post(world):
    text = EXPECTED.header + "\r\nRWX,matrix-change,,2017-01-09,sustained,,,,\r\n"
    return {"file": SimpleUploadedFile("a.csv", text.encode())}


def _written_change(world):
    return Adoption.objects.filter(entry=world["change"]).exists()


def _written_package(world):
    return Adoption.objects.filter(package_of=world["programme"]).exists()


def _written_update(world):
    return Adoption.objects.get(pk=world["existing"].pk).status == "sustained"


PAGES = {
    "create for a change": (_create_change, _form_post, _written_change),
    "create for a package": (_create_package, _form_post, _written_package),
    "update": (_update, _update_post, _written_update),
    "upload": (_upload, _upload_post, _written_change),
}
# Oxford's lead may open these to record for Oxford's organisations (but not Wessex's).
OPEN_TO_OTHER_LEADS = {"create for a change", "create for a package", "upload"}


def _user(name, request, world):
    if name == "anonymous":
        return None
    if name == "programme_lead":
        return world["programme_lead"]
    return request.getfixturevalue(name)


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "role", ["anonymous", "national_viewer", "frontline_member", "oxford_lead"]
)
def test_refused_roles_write_nothing(client, request, world, page, role):
    url_of, post_of, written = PAGES[page]
    client = _client(client, _user(role, request, world))
    url = url_of(world)
    got = client.get(url)
    if role == "oxford_lead" and page in OPEN_TO_OTHER_LEADS:
        assert got.status_code == 200
        assert str(world["organisation"]) not in got.content.decode()
    else:
        _assert_refused(got)
    sent = client.post(url, post_of(world))
    if role == "oxford_lead" and page == "upload":
        assert sent.status_code == 200
        assert "You cannot record adoptions for" in sent.content.decode()
    else:
        _assert_refused(sent)
    assert not written(world)


def _assert_refused(response):
    if response.status_code == 302:
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["wessex_lead", "programme_lead", "national_admin"])
def test_allowed_roles_write(client, request, world, page, role):
    url_of, post_of, written = PAGES[page]
    client = _client(client, _user(role, request, world))
    url = url_of(world)
    assert client.get(url).status_code == 200
    sent = client.post(url, post_of(world))
    assert sent.status_code == 302, sent.content.decode()[-3000:]
    assert written(world)


@pytest.mark.parametrize("role", ["anonymous", "national_viewer", "frontline_member"])
def test_the_template_download_is_for_those_who_may_upload(client, request, world, role):
    client = _client(client, _user(role, request, world))
    _assert_refused(client.get(reverse("learning:adoption_upload_template")))


@pytest.mark.parametrize("role", ["national_viewer", "frontline_member", "oxford_lead"])
def test_read_pages_are_open_to_every_signed_in_user(client, request, world, role):
    client = _client(client, _user(role, request, world))
    for url in (
        reverse("learning:change_spread", args=["matrix-change"]),
        reverse("learning:programme_spread", args=["matrix-programme"]),
        reverse("learning:adoption_list"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert reverse("learning:adoption_update", args=[world["existing"].pk]) not in (
            response.content.decode()
        )


def test_read_pages_need_sign_in(client, world):
    for url in (
        reverse("learning:change_spread", args=["matrix-change"]),
        reverse("learning:programme_spread", args=["matrix-programme"]),
        reverse("learning:adoption_list"),
    ):
        _assert_refused(client.get(url))
