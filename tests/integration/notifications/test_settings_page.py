"""Each person's notification settings: reachable from the notifications page, all ticked until
first saved, saved as a row of their own."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from measurement.models import NotificationSettings
from measurement.services.notification_settings import notification_settings_save, settings_of

SETTINGS = reverse("measurement:notification_settings")


def ticked(html, name):
    tag = html[html.index(f'name="{name}"') :].split(">", 1)[0]
    return " checked" in tag


def test_the_notifications_page_links_to_the_settings(client_for, frontline_member):
    page = client_for(frontline_member).get(reverse("measurement:notifications"))
    assert f'href="{SETTINGS}"' in page.content.decode()


def test_everything_is_ticked_until_the_first_save(client_for, frontline_member):
    html = client_for(frontline_member).get(SETTINGS).content.decode()
    assert all(ticked(html, name) for name in ("in_app", "email", "weekly_digest"))
    assert not NotificationSettings.objects.exists()


def test_saving_makes_a_row_then_changes_it(client_for, frontline_member):
    client = client_for(frontline_member)
    response = client.post(SETTINGS, {"in_app": "on"})
    assert response.status_code == 302
    chosen = NotificationSettings.objects.get(user=frontline_member)
    assert (chosen.in_app, chosen.email, chosen.weekly_digest) == (True, False, False)
    html = client.get(SETTINGS).content.decode()
    assert ticked(html, "in_app") and not ticked(html, "email")
    client.post(SETTINGS, {"email": "on", "weekly_digest": "on"})
    chosen.refresh_from_db()
    assert (chosen.in_app, chosen.email, chosen.weekly_digest) == (False, True, True)
    assert NotificationSettings.objects.count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(SETTINGS)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_no_one_changes_anothers_settings(wessex_lead, frontline_member):
    with pytest.raises(PermissionDenied):
        notification_settings_save(
            by=wessex_lead, user=frontline_member, in_app=False, email=False, weekly_digest=False
        )
    assert settings_of(frontline_member).email is True
