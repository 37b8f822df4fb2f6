"""The bulk contract for weekly values, idempotent retries, and a partner's whole journey."""

from datetime import date, timedelta

import pytest
import schemathesis
from django.utils import timezone
from werkzeug.test import Client

from measurement.models import DataPoint
from measurement.periods import last_complete_period
from tests.api.conftest import token_client, token_for, wsgi_app
from tests.factories import MeasureFactory, ProjectFactory, region

pytestmark = pytest.mark.django_db

MONDAY = date(2016, 4, 4)


def weeks(count: int, end: date | None = None) -> list[date]:
    """`count` consecutive Mondays ending with the last complete week (or `end`)."""
    last = end or last_complete_period(timezone.localdate(), "weekly")
    return [last - timedelta(weeks=count - 1 - n) for n in range(count)]


def points(periods, start: float = 10.0) -> list[dict]:
    return [{"period": p.isoformat(), "value": start + n % 7} for n, p in enumerate(periods)]


@pytest.fixture
def wessex_measure(db):
    return MeasureFactory(project=ProjectFactory(lead_region=region("wessex")))


@pytest.fixture
def proportion_measure(db):
    return MeasureFactory(
        project=ProjectFactory(lead_region=region("wessex")),
        data_type="proportion",
        chart="p",
        rules="anhoej",
    )


@pytest.fixture
def oxford_measure(db):
    return MeasureFactory(project=ProjectFactory(lead_region=region("oxford")))


def post_many(api, rows, query: str = "", **extra):
    return api.post(f"/api/v1/data/{query}", {"points": rows}, format="json", **extra)


def codes(response) -> list[tuple[int, str, str]]:
    return [(row["index"], row["field"], row["code"]) for row in response.json()["rejected"]]


# The Done-when journey ----------------------------------------------------------------------


def test_partner_journey_through_the_wsgi_app_every_answer_as_the_schema_says(partner):
    """Token -> project -> measure -> five years of weeks in one request -> the same again ->
    analysis -> national figures; each answer is checked against the OpenAPI schema."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    client = Client(wsgi_app)
    headers = {"Authorization": f"Token {token_for(partner)}"}

    def call(method, path, template, **kwargs):
        response = client.open(path, method=method, headers=headers, **kwargs)
        schema[template][method].validate_response(response)
        return response.status_code, response.get_json()

    status, project = call(
        "POST",
        "/api/v1/projects/",
        "/api/v1/projects/",
        json={"title": "Sepsis screening in ED", "lead_region": "wessex"},
    )
    assert status == 201 and project["lead_region"] == "wessex"
    status, measure = call(
        "POST",
        "/api/v1/measures/",
        "/api/v1/measures/",
        json={
            "project": project["id"],
            "name": "Patients screened within an hour",
            "kind": "process",
            "data_type": "continuous",
            "improvement": "increase",
        },
    )
    assert status == 201
    data_url, batch = f"/api/v1/measures/{measure['id']}/data/", {"points": points(weeks(260))}

    status, first = call("POST", data_url, "/api/v1/measures/{id}/data/", json=batch)
    assert (status, first) == (200, {"created": 260, "updated": 0, "unchanged": 0, "rejected": []})
    status, again = call("POST", data_url, "/api/v1/measures/{id}/data/", json=batch)
    assert again == {"created": 0, "updated": 0, "unchanged": 260, "rejected": []}

    status, analysis = call(
        "GET", f"/api/v1/measures/{measure['id']}/analysis/", "/api/v1/measures/{id}/analysis/"
    )
    assert status == 200 and len(analysis["points"]) == 260 and analysis["chart"] == "xmr"
    status, figures = call(
        "GET", "/api/v1/metrics/national/?financial_year=2016-17", "/api/v1/metrics/national/"
    )
    assert status == 200
    assert {
        "financial_year",
        "projects_started",
        "projects_completed",
        "projects_active",
        "staff_trained",
        "patients_trained",
        "champions_recruited",
        "organisations_engaged",
        "culture_assessments",
        "measures_improving",
        "measures_concern",
        "refreshed_at",
    } <= set(figures)
    history = DataPoint.history.filter(measure_id=measure["id"])
    assert history.count() == 260
    assert set(history.values_list("history_user__username", flat=True)) == {partner.username}


# Rejected rows ------------------------------------------------------------------------------


def test_a_batch_with_any_rejected_row_saves_nothing_and_lists_every_rejection(
    partner_api, wessex_measure
):
    rows = points(weeks(3, end=MONDAY + timedelta(weeks=2)))
    rows.append({"period": "2016-04-05", "value": 1})  # a Tuesday
    rows.append({"period": rows[0]["period"], "value": 2})  # twice
    rows.append({"period": "2016-05-02", "value": "lots"})
    rows.append({"period": "2016-05-09", "value": -3})
    future = last_complete_period(timezone.localdate(), "weekly") + timedelta(weeks=2)
    rows.append({"period": future.isoformat(), "value": 1})
    response = partner_api.post(f"/api/v1/measures/{wessex_measure.pk}/data/", {"points": rows})
    assert response.status_code == 400
    assert codes(response) == [
        (3, "period", "not_monday"),
        (4, "period", "duplicate_period"),
        (5, "value", "not_a_number"),
        (6, "value", "negative"),
        (7, "period", "future_period"),
    ]
    body = response.json()
    assert body["status"] == 400 and body["code"] == "rejected_rows"
    assert body["errors"][0]["field"] == "points.3.period"
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 0)
    assert not wessex_measure.data_points.exists()


def test_numerator_above_denominator_is_rejected(partner_api, proportion_measure):
    rows = [
        {"period": MONDAY.isoformat(), "numerator": 9, "denominator": 10},
        {"period": "2016-04-11", "numerator": 11, "denominator": 10},
    ]
    response = post_many(partner_api, [{**row, "measure": proportion_measure.pk} for row in rows])
    assert response.status_code == 400
    assert codes(response) == [(1, "numerator", "numerator_above_denominator")]
    assert not proportion_measure.data_points.exists()


def test_many_measures_at_once_with_unknown_and_foreign_measures(
    partner_api, wessex_measure, oxford_measure
):
    rows = [
        {"measure": wessex_measure.pk, "period": "2016-04-04", "value": 1},
        {"measure": 999_999, "period": "2016-04-04", "value": 1},
        {"measure": oxford_measure.pk, "period": "2016-04-04", "value": 1},
        {"period": "2016-04-11", "value": 1},
        {"measure": wessex_measure.pk, "period": "2016-04-11", "value": 2},
    ]
    response = post_many(partner_api, rows)
    assert response.status_code == 400
    assert codes(response) == [
        (1, "measure", "unknown_measure"),
        (2, "measure", "not_permitted"),
        (3, "measure", "required"),
    ]
    assert not wessex_measure.data_points.exists() and not oxford_measure.data_points.exists()

    partial = post_many(partner_api, rows, "?partial=true")
    assert partial.status_code == 200
    assert partial.json()["created"] == 2 and len(partial.json()["rejected"]) == 3
    assert wessex_measure.data_points.count() == 2
    assert not oxford_measure.data_points.exists()


def test_duplicates_of_one_measure_across_a_mixed_batch_name_the_first_row(
    partner_api, wessex_measure, proportion_measure
):
    rows = [
        {"measure": wessex_measure.pk, "period": "2016-04-04", "value": 1},
        {
            "measure": proportion_measure.pk,
            "period": "2016-04-04",
            "numerator": 1,
            "denominator": 2,
        },
        {"measure": wessex_measure.pk, "period": "2016-04-04", "value": 2},
    ]
    response = post_many(partner_api, rows)
    assert codes(response) == [(2, "period", "duplicate_period")]
    assert "row 1" in response.json()["rejected"][0]["message"]
    assert not proportion_measure.data_points.exists()  # its own rows were fine


def test_dry_run_counts_without_saving(partner_api, wessex_measure):
    rows = [{**row, "measure": wessex_measure.pk} for row in points(weeks(5, end=MONDAY))]
    response = post_many(partner_api, rows, "?dry_run=true")
    assert response.status_code == 200
    assert response.json()["created"] == 5
    assert not wessex_measure.data_points.exists()


def test_changed_values_update_and_history_names_the_token_user(
    partner_api, partner, wessex_measure
):
    url = f"/api/v1/measures/{wessex_measure.pk}/data/"
    partner_api.post(url, {"points": points(weeks(4, end=MONDAY))})
    changed = points(weeks(4, end=MONDAY), start=50)
    changed[0]["value"] = 10.0  # as before
    response = partner_api.post(url, {"points": changed})
    assert response.json() == {"created": 0, "updated": 3, "unchanged": 1, "rejected": []}
    updates = DataPoint.history.filter(measure_id=wessex_measure.pk, history_type="~")
    assert updates.count() == 3
    assert {h.history_user_id for h in updates} == {partner.pk}


def test_csv_bodies_for_one_measure_and_for_many(partner_api, wessex_measure):
    one = partner_api.generic(
        "POST",
        f"/api/v1/measures/{wessex_measure.pk}/data/",
        "period,value\r\n2016-04-04,3\r\n2016-04-11,4\r\n",
        content_type="text/csv",
    )
    assert one.status_code == 200, one.json()
    assert one.json()["created"] == 2
    many = partner_api.generic(
        "POST",
        "/api/v1/data/",
        f"measure,period,value\n{wessex_measure.pk},2016-04-18,x\n",
        content_type="text/csv",
    )
    assert many.status_code == 400
    assert codes(many) == [(0, "value", "not_a_number")]


def test_more_than_ten_thousand_points_is_refused(partner_api, wessex_measure):
    rows = [{"measure": wessex_measure.pk, "period": "2016-04-04", "value": 1}] * 10_001
    response = post_many(partner_api, rows)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "points"


# Idempotency --------------------------------------------------------------------------------


def test_a_replay_with_the_same_key_returns_the_first_answer_and_applies_nothing(
    partner_api, wessex_measure
):
    rows = [{**row, "measure": wessex_measure.pk} for row in points(weeks(10, end=MONDAY))]
    first = post_many(partner_api, rows, HTTP_IDEMPOTENCY_KEY="batch-2016-04")
    assert first.json()["created"] == 10
    history_before = DataPoint.history.count()
    replay = post_many(partner_api, rows, HTTP_IDEMPOTENCY_KEY="batch-2016-04")
    assert replay.status_code == 200
    assert replay.json() == first.json()  # created: 10 again, not unchanged: 10
    assert replay["Idempotent-Replayed"] == "true"
    assert DataPoint.history.count() == history_before


def test_a_key_reused_for_another_body_is_a_conflict(partner_api, wessex_measure):
    rows = [{"measure": wessex_measure.pk, "period": "2016-04-04", "value": 1}]
    post_many(partner_api, rows, HTTP_IDEMPOTENCY_KEY="k1")
    other = post_many(partner_api, [{**rows[0], "value": 2}], HTTP_IDEMPOTENCY_KEY="k1")
    assert other.status_code == 409
    assert other.json()["code"] == "conflict"
    assert wessex_measure.data_points.get().value == 1


def test_keys_belong_to_their_user(partner_api, national_admin, wessex_measure):
    rows = [{"measure": wessex_measure.pk, "period": "2016-04-04", "value": 1}]
    post_many(partner_api, rows, HTTP_IDEMPOTENCY_KEY="shared")
    admin = token_client(token_for(national_admin))
    response = post_many(admin, [{**rows[0], "value": 5}], HTTP_IDEMPOTENCY_KEY="shared")
    assert response.status_code == 200 and response.json()["updated"] == 1
