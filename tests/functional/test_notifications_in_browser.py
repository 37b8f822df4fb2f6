import pytest
from playwright.sync_api import expect

from measurement.models import Notification, NotificationSettings
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory, UserFactory
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_nurse_reads_a_notification_and_turns_emails_off(page, sign_in):
    nurse = UserFactory(username="frontline.nurse")
    measure = MeasureFactory(project=ProjectFactory(), name="Falls per 1,000 bed-days")
    ProjectMemberFactory(project=measure.project, user=nurse)
    Notification.objects.create(
        user=nurse,
        measure=measure,
        message="Falls per 1,000 bed-days: a point above the upper limit (special cause "
        "improvement) in the week of 30 November 2026",
    )
    sign_in("frontline.nurse")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/measures/notifications/")
        expect(page.get_by_role("link", name="a point above the upper limit")).to_be_visible()
        assert axe_violations(page) == []
        page.get_by_role("link", name="Choose how you are told").click()
        expect(page.get_by_role("heading", name="Notification settings")).to_be_visible()
        assert axe_violations(page) == []
    page.get_by_label("By email as they happen").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings were saved.")).to_be_visible()
    assert axe_violations(page) == []
    chosen = NotificationSettings.objects.get(user=nurse)
    assert (chosen.in_app, chosen.email, chosen.weekly_digest) == (True, False, True)
