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


def _sign_in(client, path, username, password):
    return client.post(path, {"username": username, "password": password})


def test_twenty_wrong_passwords_pause_signing_in_even_with_the_right_one(
    client, wessex_lead, caplog
):
    for _ in range(19):
        assert _sign_in(client, reverse("login"), "lead.wessex", "wrong").status_code == 200
    assert _sign_in(client, reverse("login"), "lead.wessex", "wrong").status_code == 429
    refused = _sign_in(client, reverse("login"), "lead.wessex", PASSWORD)
    assert refused.status_code == 429
    assert "Signing in is paused" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert (
        "Locking out" in caplog.text
    )  # the account is in the admin (Access attempts), not the log


def test_the_pause_says_nothing_about_whether_the_account_exists(client, db, wessex_lead):
    other = client_class_for_another_address()
    for _ in range(20):
        _sign_in(client, reverse("login"), "lead.wessex", "wrong")
        _sign_in(other, reverse("login"), "no.such.person", "wrong")
    real = _sign_in(client, reverse("login"), "lead.wessex", "wrong").content.decode()
    unknown = _sign_in(other, reverse("login"), "no.such.person", "wrong").content.decode()
    assert "Signing in is paused" in real and "Signing in is paused" in unknown
    strip = lambda body: body.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(real) == strip(unknown)


def test_the_admin_sign_in_is_paused_the_same_way(client, national_admin):
    admin_login = reverse("admin:login")
    for _ in range(20):
        _sign_in(client, admin_login, national_admin.username, "wrong")
    assert _sign_in(client, admin_login, national_admin.username, PASSWORD).status_code == 429


def test_a_successful_sign_in_clears_the_failures_before_it(client, wessex_lead):
    for _ in range(19):
        _sign_in(client, reverse("login"), "lead.wessex", "wrong")
    assert _sign_in(client, reverse("login"), "lead.wessex", PASSWORD).status_code == 302
    client.logout()
    for _ in range(19):
        _sign_in(client, reverse("login"), "lead.wessex", "wrong")
    assert _sign_in(client, reverse("login"), "lead.wessex", PASSWORD).status_code == 302


def client_class_for_another_address():
    from django.test import Client

    return Client(REMOTE_ADDR="198.51.100.7")
