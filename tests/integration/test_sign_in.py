from django.urls import reverse

from tests.conftest import PASSWORD


def test_pages_ask_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("regions:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signing_in_with_the_right_password_reaches_the_home_page(client, wessex_lead):
    response = client.post(
        reverse("login"), {"username": "lead.wessex", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user == wessex_lead
    assert b"Your regions" in response.content


def test_a_wrong_password_is_explained_on_the_form(client, wessex_lead):
    response = client.post(reverse("login"), {"username": "lead.wessex", "password": "wrong"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"correct username and password" in response.content
    assert not response.wsgi_request.user.is_authenticated


def test_signing_out_ends_the_session(client_for, wessex_lead):
    client = client_for(wessex_lead)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("regions:list")).status_code == 302


def test_an_expired_session_during_an_htmx_request_redirects_the_whole_page(client, db):
    response = client.post(reverse("regions:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))
