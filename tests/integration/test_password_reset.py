"""Password reset by email: ask, follow the emailed link, choose a password, sign in with it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

NEW_PASSWORD = "wessex-falls-2016-ward"


@pytest.fixture
def nurse(db):
    return UserFactory(
        username="ward.nurse", email="Ann.Nurse@nhs.example", first_name="Ann", last_name="Nurse"
    )


def _emailed_link(message) -> str:
    return re.search(r"http://testserver(/account/password-reset/\S+/)", message.body).group(1)


def _ask(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_the_sign_in_page_links_to_password_reset(client, db):
    body = client.get(reverse("login")).content.decode()
    assert "Forgotten your password?" in body
    assert reverse("password_reset") in body


def test_the_sign_in_paused_page_links_to_password_reset(client, db):
    from django.test import RequestFactory

    from psc.views import signed_in_refused

    request = RequestFactory().post(reverse("login"))
    body = signed_in_refused(request, {}).content.decode()
    assert reverse("password_reset") in body
    assert "national admin to set a new one (regional leads cannot)" not in body


def test_a_reset_by_email_sets_a_new_password_to_sign_in_with(client, nurse):
    response = _ask(client, "ann.nurse@NHS.example")
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ann.Nurse@nhs.example"]
    assert message.subject == "Reset your password for the PSC QI Tracker"
    assert "PSC QI Tracker" in message.body and "ward.nurse" in message.body

    form_page = client.get(_emailed_link(message), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()

    signed_in = client.post(
        reverse("login"), {"username": "ward.nurse", "password": NEW_PASSWORD}, follow=True
    )
    assert signed_in.wsgi_request.user == nurse
    client.logout()
    old = client.post(reverse("login"), {"username": "ward.nurse", "password": PASSWORD})
    assert not old.wsgi_request.user.is_authenticated


def test_a_used_link_says_so_and_offers_a_new_one(client, nurse):
    _ask(client, nurse.email)
    link = _emailed_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = client.get(link, follow=True).content.decode()
    assert "This link has expired" in again
    assert "has already been used" in again
    assert reverse("password_reset") in again


def test_a_made_up_link_says_it_has_expired(client, db):
    body = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"])).content
    assert "This link has expired" in body.decode()


def test_an_unknown_address_gets_the_same_page_and_no_email(client, nurse):
    known = _ask(client, nurse.email).content.decode()
    unknown = _ask(client, "nobody@nhs.example").content.decode()
    strip = lambda body: body.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(known) == strip(unknown)
    assert len(mail.outbox) == 1


def test_the_new_password_must_pass_the_validators_and_match(client, nurse):
    _ask(client, nurse.email)
    form_page = client.get(_emailed_link(mail.outbox[0]), follow=True)
    address = form_page.redirect_chain[-1][0]
    weak = client.post(address, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "This password is entirely numeric" in weak.content.decode()
    mismatched = client.post(address, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert "The passwords do not match" in mismatched.content.decode()


def test_a_blank_address_is_explained(client, db):
    response = client.post(reverse("password_reset"), {"email": ""})
    assert "Enter your email address" in response.content.decode()
