"""API tokens: the command, expiry, revocation, hashed storage, and the page to manage them."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.crypto import hash_token
from knox.models import AuthToken

from tests.api.conftest import token_client, token_for
from tests.factories import ProjectFactory, region

pytestmark = pytest.mark.django_db


def create_token(*args) -> tuple[str, str]:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue(), out.getvalue().strip().splitlines()[-1]


def test_the_command_prints_the_token_alone_on_its_last_line(partner):
    output, key = create_token(partner.username)
    assert key == key.strip() and " " not in key and len(key) == 64
    assert token_client(key).get("/api/v1/regions/").status_code == 200
    token = AuthToken.objects.get(user=partner)
    assert token.expiry - timezone.now() > timedelta(days=89)  # the default lifetime


def test_tokens_are_stored_as_digests_only(partner):
    _, key = create_token(partner.username)
    token = AuthToken.objects.get(user=partner)
    assert token.digest == hash_token(key) and token.digest != key
    assert not AuthToken.objects.filter(digest=key).exists()
    assert key not in str(list(AuthToken.objects.values_list()))


def test_expires_days_sets_the_expiry(partner):
    create_token(partner.username, "--expires-days", "7")
    expiry = AuthToken.objects.get(user=partner).expiry
    assert timedelta(days=6, hours=23) < expiry - timezone.now() <= timedelta(days=7)


@pytest.mark.parametrize("days", ["0", "731"])
def test_the_command_refuses_a_lifetime_out_of_range(partner, days):
    with pytest.raises(CommandError, match="1 to 730 days"):
        create_token(partner.username, "--expires-days", days)


def test_the_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="no user called"):
        create_token("nobody")


def test_an_expired_token_is_refused_and_removed(partner):
    key = token_for(partner)
    AuthToken.objects.filter(user=partner).update(expiry=timezone.now() - timedelta(seconds=1))
    response = token_client(key).get("/api/v1/projects/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"
    assert not AuthToken.objects.filter(user=partner).exists()


def test_a_revoked_token_is_refused(partner):
    from regions import tokens

    key = token_for(partner)
    tokens.token_revoke(by=partner, token=AuthToken.objects.get(user=partner))
    assert token_client(key).get("/api/v1/projects/").status_code == 401


def test_a_deactivated_users_token_is_refused(partner):
    key = token_for(partner)
    partner.is_active = False
    partner.save()
    assert token_client(key).get("/api/v1/projects/").status_code == 401


def test_a_token_acts_as_its_user(oxford_lead):
    project = ProjectFactory(lead_region=region("wessex"))
    api = token_client(token_for(oxford_lead))
    assert api.get(f"/api/v1/projects/{project.pk}/").status_code == 200
    response = api.patch(f"/api/v1/projects/{project.pk}/", {"title": "Taken over"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    project.refresh_from_db()
    assert project.title != "Taken over"


def test_a_user_cannot_revoke_anothers_token(partner, oxford_lead):
    from django.core.exceptions import PermissionDenied

    from regions import tokens

    token_for(partner)
    with pytest.raises(PermissionDenied):
        tokens.token_revoke(by=oxford_lead, token=AuthToken.objects.get(user=partner))


# The page -----------------------------------------------------------------------------------


def test_the_page_needs_sign_in(client):
    response = client.get("/account/tokens/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_page_creates_a_token_and_shows_it_once(client_for, partner):
    client = client_for(partner)
    response = client.post("/account/tokens/", {"action": "create", "days": "30"})
    assert response.status_code == 200
    token = AuthToken.objects.get(user=partner)
    html = response.content.decode()
    key = re.search(r'id="new-token"[^>]*>([0-9a-f]+)<', html)[1]
    assert hash_token(key) == token.digest
    assert timedelta(days=29) < token.expiry - timezone.now() <= timedelta(days=30)
    assert token_client(key).get("/api/v1/regions/").status_code == 200
    listing = client.get("/account/tokens/").content.decode()
    assert key not in listing and token.token_key[:8] in listing


def test_the_page_lists_only_my_tokens(client_for, partner, oxford_lead):
    token_for(oxford_lead)
    token_for(partner)
    mine = AuthToken.objects.get(user=partner)
    others = AuthToken.objects.get(user=oxford_lead)
    html = client_for(partner).get("/account/tokens/").content.decode()
    assert mine.token_key[:8] in html and others.token_key[:8] not in html


def test_the_page_revokes_my_token_but_not_anothers(client_for, partner, oxford_lead):
    key = token_for(partner)
    other_key = token_for(oxford_lead)
    client = client_for(partner)
    mine = AuthToken.objects.get(user=partner)
    others = AuthToken.objects.get(user=oxford_lead)
    client.post("/account/tokens/", {"action": "revoke", "token_key": others.token_key})
    assert token_client(other_key).get("/api/v1/regions/").status_code == 200
    response = client.post("/account/tokens/", {"action": "revoke", "token_key": mine.token_key})
    assert response.status_code == 302
    assert token_client(key).get("/api/v1/regions/").status_code == 401


def test_the_page_refuses_a_lifetime_it_does_not_offer(client_for, partner):
    response = client_for(partner).post("/account/tokens/", {"action": "create", "days": "9999"})
    assert response.status_code == 400
    assert "Select how long the token should last" in response.content.decode()
    assert not AuthToken.objects.filter(user=partner).exists()
