"""Whole numbers and magnitude through the API: per-measure data, bulk data and events. A
refused row is a 400 naming its field and row, and nothing of the batch is stored."""

import json

import pytest

from measurement.models import DataPoint, Event
from tests.factories import MeasureFactory, ProjectFactory, region

pytestmark = pytest.mark.django_db

MONDAY = "2016-04-04"


@pytest.fixture
def project(db):
    return ProjectFactory(lead_region=region("wessex"))


@pytest.fixture
def screened(project):
    return MeasureFactory(project=project, data_type="proportion", chart="p", rules="mdc")


@pytest.fixture
def length_of_stay(project):
    return MeasureFactory(project=project, data_type="continuous")


@pytest.fixture
def deliveries(project):
    return MeasureFactory(project=project, data_type="events", chart="g", rules="anhoej")


def rejected(response) -> list[tuple[int, str, str]]:
    assert response.status_code == 400, response.content
    return [(row["index"], row["field"], row["code"]) for row in response.json()["rejected"]]


def post_raw(api, url: str, body: str):
    """A body as a partner's own encoder writes it (1e309 cannot be encoded by ours)."""
    return api.post(url, body, content_type="application/json")


def test_thirty_and_a_half_patients_are_refused_naming_the_field_and_row(partner_api, screened):
    rows = [
        {"period": MONDAY, "numerator": 30, "denominator": 40},
        {"period": "2016-04-11", "numerator": 30.5, "denominator": 40},
    ]
    response = partner_api.post(
        f"/api/v1/measures/{screened.pk}/data/", {"points": rows}, format="json"
    )
    assert rejected(response) == [(1, "numerator", "not_whole")]
    assert response.json()["rejected"][0]["message"] == (
        "The numerator must be a whole number, not 30.5"
    )
    assert response.json()["errors"][0]["field"] == "points.1.numerator"
    assert not DataPoint.objects.exists()  # the good row is not saved either


def test_a_measure_that_allows_decimals_takes_them_through_the_api(partner_api, screened):
    screened.allow_decimals = True
    screened.save()
    rows = [{"period": MONDAY, "numerator": 30.5, "denominator": 40}]
    response = partner_api.post(
        f"/api/v1/measures/{screened.pk}/data/", {"points": rows}, format="json"
    )
    assert response.status_code == 200
    assert DataPoint.objects.get().numerator == 30.5


def test_a_partner_opts_a_measure_in_to_decimals_as_the_form_does(partner_api, screened):
    url = f"/api/v1/measures/{screened.pk}/"
    assert partner_api.get(url).json()["allow_decimals"] is False
    response = partner_api.patch(url, {"allow_decimals": True}, format="json")
    assert response.status_code == 200 and response.json()["allow_decimals"] is True
    screened.refresh_from_db()
    assert screened.allow_decimals is True


def test_bulk_data_refuses_decimals_and_magnitudes_by_row_and_field(
    partner_api, screened, length_of_stay
):
    rows = [
        {"measure": length_of_stay.pk, "period": MONDAY, "value": 16.5},
        {"measure": screened.pk, "period": MONDAY, "numerator": 3, "denominator": 40.5},
        {"measure": length_of_stay.pk, "period": "2016-04-11", "value": 1e300},
        {"measure": screened.pk, "period": "2016-04-11", "numerator": 1, "denominator": 1e13},
    ]
    response = partner_api.post("/api/v1/data/", {"points": rows}, format="json")
    assert rejected(response) == [
        (1, "denominator", "not_whole"),
        (2, "value", "too_large"),
        (3, "denominator", "too_large"),
    ]
    assert not DataPoint.objects.exists()


@pytest.mark.parametrize("number", ["1e300", "1e13", "-1e300", '"1e309"', '"inf"', '"Infinity"'])
def test_a_huge_value_is_a_400_naming_the_field(partner_api, length_of_stay, number):
    body = f'{{"points": [{{"period": "{MONDAY}", "value": {number}}}]}}'
    response = post_raw(partner_api, f"/api/v1/measures/{length_of_stay.pk}/data/", body)
    assert rejected(response)[0][:2] == (0, "value")
    assert not DataPoint.objects.exists()


@pytest.mark.parametrize("number", ["1e309", "-1e309", "Infinity", "NaN"])
def test_a_number_beyond_a_float_is_a_400_not_a_500(partner_api, length_of_stay, number):
    body = f'{{"points": [{{"period": "{MONDAY}", "value": {number}}}]}}'
    for url in (f"/api/v1/measures/{length_of_stay.pk}/data/", "/api/v1/data/"):
        response = post_raw(partner_api, url, body)
        assert response.status_code == 400, response.content
        assert response.json()["status"] == 400
    assert not DataPoint.objects.exists()


def test_ten_to_the_twelve_is_accepted_and_one_more_is_not(partner_api, length_of_stay):
    url = f"/api/v1/measures/{length_of_stay.pk}/data/"
    over = partner_api.post(url, {"points": [{"period": MONDAY, "value": 1e12 + 1}]}, format="json")
    assert rejected(over) == [(0, "value", "too_large")]
    assert "1,000,000,000,000" in over.json()["rejected"][0]["message"]
    at = partner_api.post(url, {"points": [{"period": MONDAY, "value": 1e12}]}, format="json")
    assert at.status_code == 200 and DataPoint.objects.get().value == 1e12


def test_huge_opportunities_between_events_are_refused_by_name(partner_api, deliveries):
    body = json.dumps(
        {
            "events": [
                {"date": "2016-04-04", "opportunities_since_previous": 120},
                {"date": "2016-05-04", "opportunities_since_previous": 1e300},
            ]
        }
    )
    response = post_raw(partner_api, f"/api/v1/measures/{deliveries.pk}/events/", body)
    assert rejected(response) == [(1, "opportunities_since_previous", "too_large")]
    assert not Event.objects.exists()


def test_an_unchanged_stored_decimal_is_sent_again_without_refusal(partner_api, screened):
    """A value stored before the whole-number rule, resent as a partner's sync resends it."""
    DataPoint.objects.create(measure=screened, period=MONDAY, numerator=30.5, denominator=40)
    url = f"/api/v1/measures/{screened.pk}/data/"
    same = {"period": MONDAY, "numerator": 30.5, "denominator": 40}
    response = partner_api.post(url, {"points": [same]}, format="json")
    assert response.status_code == 200 and response.json()["unchanged"] == 1
    changed = {**same, "numerator": 31.5}
    assert rejected(partner_api.post(url, {"points": [changed]}, format="json")) == [
        (0, "numerator", "not_whole")
    ]
    assert DataPoint.objects.get().numerator == 30.5
