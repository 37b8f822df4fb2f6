"""Through the API as a partner platform uses it: Making Data Count rules on p, p′, u, u′ and c
charts, a g chart's first event, a baseline without variation and stored figures the analysis
cannot chart (shared/spc/README.md, issue 14's "Done when")."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from measurement.models import DataPoint, Event, Measure
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory, region

FIRST_MONDAY = date(2024, 1, 1)
# Twelve steady weeks, then one far above: outside the limits of every chart below.
STEADY_THEN_HIGH = [(48, 100), (52, 100)] * 6 + [(80, 100)]


@pytest.fixture
def api(wessex_lead):
    client = APIClient()
    client.force_authenticate(wessex_lead)
    return client


def new_measure(api, **settings) -> dict:
    project = ProjectFactory(lead_region=region("wessex"))
    body = {"project": project.pk, "name": "Measure", "kind": "outcome", **settings}
    response = api.post("/api/v1/measures/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def mondays(count: int) -> list[str]:
    return [(FIRST_MONDAY + timedelta(weeks=week)).isoformat() for week in range(count)]


def post_points(api, measure_id: int, points: list[dict]):
    return api.post(f"/api/v1/measures/{measure_id}/data/", {"points": points}, format="json")


def post_events(api, measure_id: int, events: list[dict]):
    return api.post(f"/api/v1/measures/{measure_id}/events/", {"events": events}, format="json")


def analysis(api, measure_id: int):
    return api.get(f"/api/v1/measures/{measure_id}/analysis/")


@pytest.mark.parametrize(
    ("chart", "data_type", "target"),
    [
        ("p", "proportion", 0.95),
        ("pp", "proportion", 0.95),
        ("u", "rate", 0.95),
        ("up", "rate", 0.95),
        ("c", "count", 95),
    ],
)
def test_mdc_rules_on_attribute_charts_give_point_types_variation_and_assurance(
    api, chart, data_type, target
):
    measure = new_measure(
        api, data_type=data_type, chart=chart, rules="mdc", improvement="increase", target=target
    )
    assert (measure["chart"], measure["rules"]) == (chart, "mdc")
    if data_type == "count":
        points = [
            {"period": p, "value": n}
            for p, (n, _) in zip(mondays(13), STEADY_THEN_HIGH, strict=True)
        ]
    else:
        points = [
            {"period": p, "numerator": n, "denominator": d}
            for p, (n, d) in zip(mondays(13), STEADY_THEN_HIGH, strict=True)
        ]
    assert post_points(api, measure["id"], points).status_code == 200
    response = analysis(api, measure["id"])
    assert response.status_code == 200
    document = response.json()
    assert document["rules"] == "mdc"
    assert all(point["point_type"] for point in document["points"])
    last = document["points"][-1]
    assert last["signals"] == ["outside_limits"] and last["value"] > last["upper"]
    assert last["point_type"] == document["variation"] == "special_cause_improvement"
    # The target is above the last point's upper limit: with higher better, never met.
    assert last["upper"] < target
    assert document["assurance"] == "consistent_fail"


def test_a_proportion_measure_takes_mdc_rules_unless_others_are_chosen(api):
    assert new_measure(api, data_type="proportion", chart="p")["rules"] == "mdc"
    assert new_measure(api, data_type="proportion", chart="p", rules="anhoej")["rules"] == "anhoej"


def test_a_g_charts_first_event_needs_no_opportunities(api):
    measure = new_measure(api, data_type="events", chart="g", rules="anhoej")
    first = post_events(api, measure["id"], [{"date": "2024-01-03"}])
    assert first.status_code == 200, first.json()
    later = [
        {"date": "2024-02-07", "opportunities_since_previous": 140},
        {"date": "2024-03-20", "opportunities_since_previous": 95},
    ]
    assert post_events(api, measure["id"], later).status_code == 200
    assert Event.objects.get(date="2024-01-03").opportunities_since_previous is None
    document = analysis(api, measure["id"]).json()
    assert [point["value"] for point in document["points"]] == [140, 95]


def test_on_the_events_page_the_first_event_needs_no_opportunities_and_the_next_does(
    client_for, frontline_member
):
    project = ProjectFactory(lead_region=region("wessex"))
    ProjectMemberFactory(project=project, user=frontline_member)
    swabs = MeasureFactory(project=project, data_type="events", chart="g", rules="anhoej")
    client = client_for(frontline_member)
    url = reverse("measurement:event_entry", args=[swabs.pk])
    first = client.post(url, {"date": "2024-01-03", "opportunities_since_previous": ""})
    assert first.status_code == 302
    second = client.post(url, {"date": "2024-02-07", "opportunities_since_previous": ""})
    assert second.status_code == 200
    assert "A g chart needs the opportunities" in second.content.decode()
    assert list(Event.objects.values_list("date", flat=True)) == [date(2024, 1, 3)]


def test_a_later_event_still_needs_its_opportunities(api):
    measure = new_measure(api, data_type="events", chart="g", rules="anhoej")
    rows = [{"date": "2024-01-03"}, {"date": "2024-02-07"}]
    response = post_events(api, measure["id"], rows)
    assert response.status_code == 400
    rejected = response.json()["rejected"]
    assert [(row["index"], row["field"]) for row in rejected] == [
        (1, "opportunities_since_previous")
    ]
    assert "opportunities" in rejected[0]["message"]
    assert not Event.objects.exists()


def test_an_event_before_a_first_event_without_opportunities_is_refused(api):
    measure = new_measure(api, data_type="events", chart="g", rules="anhoej")
    assert post_events(api, measure["id"], [{"date": "2024-02-07"}]).status_code == 200
    earlier = [{"date": "2024-01-03", "opportunities_since_previous": 40}]
    response = post_events(api, measure["id"], earlier)
    assert response.status_code == 400
    assert response.json()["rejected"][0]["field"] == "date"
    assert "7 February 2024" in response.json()["rejected"][0]["message"]
    # Once the first event has its opportunities, an earlier one may come before it.
    counted = [{"date": "2024-02-07", "opportunities_since_previous": 60}]
    assert post_events(api, measure["id"], counted).status_code == 200
    assert post_events(api, measure["id"], earlier).status_code == 200
    assert [p["value"] for p in analysis(api, measure["id"]).json()["points"]] == [60]


def test_a_baseline_without_variation_has_no_limits_and_the_document_says_why(api):
    measure = new_measure(
        api, data_type="continuous", chart="xmr", rules="mdc", improvement="increase", target=9
    )
    points = [{"period": p, "value": 7.5} for p in mondays(8)]
    assert post_points(api, measure["id"], points).status_code == 200
    document = analysis(api, measure["id"]).json()
    assert document["notes"] == ["no_variation"]
    assert {(p["lower"], p["upper"]) for p in document["points"]} == {(None, None)}
    assert document["assurance"] == "inconsistent"
    assert document["variation"] == "common_cause"


def test_a_stored_figure_the_analysis_cannot_chart_is_a_409_naming_the_period(api):
    measure = new_measure(api, data_type="continuous", chart="xmr", rules="mdc")
    stored = Measure.objects.get(pk=measure["id"])
    DataPoint.objects.create(measure=stored, period=FIRST_MONDAY, value=5.0)
    # Stored before the entry rules bounded magnitudes.
    DataPoint.objects.create(measure=stored, period=date(2024, 1, 8), value=1e300)
    response = analysis(api, measure["id"])
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "2024-01-08" in response.json()["detail"]
    assert "beyond" in response.json()["detail"]
