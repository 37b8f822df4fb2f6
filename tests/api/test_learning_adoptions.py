"""/api/v1/adoptions/: one at a time and in batches under the data points' contract (all or
nothing, ?partial=true, ?dry_run=true, Idempotency-Key), filters and updated_since, and who may
record them."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import IdempotentRequest
from learning.models import Adoption
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    region,
)

pytestmark = pytest.mark.django_db
BULK = "/api/v1/adoptions/bulk/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def checklist(db):
    """The ED safety checklist, owned by the West of England."""
    return ChangeEntryFactory(
        name="ED safety checklist", slug="ed-safety-checklist", owner_region=region("wessex")
    )


@pytest.fixture
def trusts(db):
    """Three Wessex acute trusts and one in Oxford."""
    wessex = region("wessex")
    return {
        code: OrganisationFactory(ods_code=code, region=wessex, name=f"Trust {code}")
        for code in ("RHM", "RBD", "RDZ")
    } | {"RTH": OrganisationFactory(ods_code="RTH", region=region("oxford"), name="Oxford")}


def row(code: str, **fields) -> dict:
    return {
        "organisation": code,
        "change": "ed-safety-checklist",
        "adopted_on": "2016-09-01",
        "status": "implemented",
        **fields,
    }


def post(client, rows, query: str = "", **headers):
    return client.post(f"{BULK}{query}", {"adoptions": rows}, format="json", **headers)


# The batch ------------------------------------------------------------------------------------


def test_a_batch_records_each_adoption_and_counts_them(wessex_lead, checklist, trusts):
    response = post(api(wessex_lead), [row("RHM"), row("RBD", status="testing")])
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "updated": 0, "unchanged": 0, "rejected": []}
    assert sorted(
        Adoption.objects.filter(entry=checklist).values_list("organisation__ods_code", "status")
    ) == [("RBD", "testing"), ("RHM", "implemented")]
    again = post(api(wessex_lead), [row("RHM"), row("RBD", status="sustained")])
    assert again.json() == {"created": 0, "updated": 1, "unchanged": 1, "rejected": []}


def test_a_batch_with_one_bad_row_saves_nothing_and_names_the_row(wessex_lead, checklist, trusts):
    rows = [row("RHM"), row("RBD", status="finished"), row("RDZ")]
    response = post(api(wessex_lead), rows)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "rejected_rows"
    assert body["detail"].startswith("1 row was rejected, so nothing was saved")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("adoptions.1.status", "invalid")]
    assert [(r["index"], r["field"], r["code"]) for r in body["rejected"]] == [
        (1, "status", "invalid")
    ]
    assert body["rejected"][0]["message"].startswith("“finished” is not a status")
    assert body["errors"][0]["message"] == body["rejected"][0]["message"]
    assert not Adoption.objects.exists()
    assert Adoption.history.count() == 0


def test_every_bad_row_is_listed_with_its_field(wessex_lead, checklist, trusts):
    rows = [
        row("NOPE"),
        row("RHM", change="no-such-change"),
        row("RBD", adopted_on="someday"),
        row("RDZ", adopted_on=(timezone.localdate() + timedelta(days=30)).isoformat()),
        {"change": "ed-safety-checklist", "adopted_on": "2016-09-01", "status": "testing"},
    ]
    response = post(api(wessex_lead), rows)
    assert response.status_code == 400
    assert [(r["index"], r["field"], r["code"]) for r in response.json()["rejected"]] == [
        (0, "organisation", "unknown"),
        (1, "change", "unknown"),
        (2, "adopted_on", "invalid"),
        (3, "adopted_on", "future"),
        (4, "organisation", "required"),
    ]
    assert not Adoption.objects.exists()


def test_partial_saves_the_good_rows_and_reports_the_bad(wessex_lead, checklist, trusts):
    rows = [row("RHM"), row("RBD", status="finished"), row("RDZ")]
    response = post(api(wessex_lead), rows, "?partial=true")
    assert response.status_code == 200
    assert response.json()["created"] == 2
    assert [(r["index"], r["field"]) for r in response.json()["rejected"]] == [(1, "status")]
    assert sorted(Adoption.objects.values_list("organisation__ods_code", flat=True)) == [
        "RDZ",
        "RHM",
    ]


def test_dry_run_counts_and_saves_nothing(wessex_lead, checklist, trusts):
    AdoptionFactory(organisation=trusts["RHM"], entry=checklist, status="testing")
    rows = [row("RHM"), row("RBD")]
    response = post(api(wessex_lead), rows, "?dry_run=true")
    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 1, "unchanged": 0, "rejected": []}
    assert list(Adoption.objects.values_list("organisation__ods_code", "status")) == [
        ("RHM", "testing")
    ]


def test_a_dry_run_with_a_bad_row_reports_it_with_200(wessex_lead, checklist, trusts):
    response = post(api(wessex_lead), [row("RHM", status="x")], "?dry_run=true")
    assert response.status_code == 200
    assert response.json()["rejected"][0]["field"] == "status"
    assert not Adoption.objects.exists()


def test_a_package_of_a_programme_is_adopted_by_its_slug(wessex_lead, trusts):
    ProgrammeFactory(slug="emergency-laparotomy", lead_regions=["wessex"])
    response = post(
        api(wessex_lead),
        [
            {
                "organisation": "RHM",
                "package": "emergency-laparotomy",
                "adopted_on": "2016-05-01",
                "status": "implemented",
            }
        ],
    )
    assert response.status_code == 200, response.content
    assert Adoption.objects.get().package_of.slug == "emergency-laparotomy"


def test_a_csv_body_is_read_as_the_upload_page_reads_its_file(wessex_lead, checklist, trusts):
    client = api(wessex_lead)
    header = (
        "organisation,change,package,adopted_on,status,source,source_project,"
        "source_programme,source_note\r\n"
    )
    good = header + "RHM,ed-safety-checklist,,2016-09-01,implemented,elsewhere,,,\r\n"
    response = client.post(BULK, good, content_type="text/csv")
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1
    bad = (
        header
        + "RBD,ed-safety-checklist,,2016-09-01,testing,elsewhere,,,\r\n"
        + "RDZ,ed-safety-checklist,,x,testing,elsewhere,,,\r\n"
    )
    rejected = client.post(BULK, bad, content_type="text/csv")
    assert rejected.status_code == 400
    assert rejected.json()["errors"][0]["field"] == "adoptions.1.adopted_on"
    assert Adoption.objects.count() == 1
    unknown = client.post(BULK, "colour\r\nred\r\n", content_type="text/csv")
    assert unknown.status_code == 400 and unknown.json()["code"] == "parse_error"


def test_rows_that_are_not_objects_or_no_rows_are_refused(wessex_lead):
    client = api(wessex_lead)
    assert post(client, []).json()["errors"][0]["field"] == "adoptions"
    response = post(client, ["RHM"])
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "adoptions",
        "code": "not_an_object",
        "message": "Adoption 0 is not a JSON object",
    }
    unreadable = client.post(
        BULK,
        '{"adoptions": [{"organisation": "RHM"}, {"organisation": "\\ud800"}]}',
        content_type="application/json",
    )
    assert unreadable.status_code == 400
    assert unreadable.json()["errors"][0]["code"] == "unreadable"
    assert unreadable.json()["errors"][0]["message"].startswith("Adoption 1 has text")


# Idempotency ----------------------------------------------------------------------------------


def test_a_replay_with_the_same_key_returns_the_first_answer_and_applies_nothing(
    partner_api, checklist, trusts
):
    rows = [row("RHM"), row("RBD")]
    first = post(partner_api, rows, HTTP_IDEMPOTENCY_KEY="adoptions-2016-09")
    assert first.json()["created"] == 2
    history = Adoption.history.count()
    replay = post(partner_api, rows, HTTP_IDEMPOTENCY_KEY="adoptions-2016-09")
    assert replay.status_code == 200
    assert replay.json() == first.json()  # created: 2 again, not unchanged: 2
    assert replay["Idempotent-Replayed"] == "true"
    assert Adoption.history.count() == history


def test_a_key_reused_for_another_batch_is_a_conflict(partner_api, checklist, trusts):
    post(partner_api, [row("RHM")], HTTP_IDEMPOTENCY_KEY="k1")
    other = post(partner_api, [row("RHM", status="sustained")], HTTP_IDEMPOTENCY_KEY="k1")
    assert other.status_code == 409 and other.json()["code"] == "conflict"
    assert Adoption.objects.get().status == "implemented"


def test_a_rejected_batch_replays_its_400(partner_api, checklist, trusts):
    rows = [row("RHM", status="x")]
    first = post(partner_api, rows, HTTP_IDEMPOTENCY_KEY="bad")
    replay = post(partner_api, rows, HTTP_IDEMPOTENCY_KEY="bad")
    assert first.status_code == replay.status_code == 400
    assert replay.json() == first.json() and replay["Idempotent-Replayed"] == "true"


def test_a_claim_left_by_a_request_that_died_is_taken_over_by_its_retry(
    partner_api, checklist, trusts
):
    """A request whose process died holds its key with no answer (and its writes rolled
    back): once the claim is abandoned, the retry runs and the batch is applied exactly once."""
    rows = [row("RHM")]
    post(partner_api, rows, HTTP_IDEMPOTENCY_KEY="crash")
    Adoption.objects.all().delete()  # as if the first request's transaction had rolled back
    IdempotentRequest.objects.filter(key="crash").update(
        status=None, response_body="", created=timezone.now() - timedelta(minutes=3)
    )
    retry = post(partner_api, rows, HTTP_IDEMPOTENCY_KEY="crash")
    assert retry.status_code == 200 and retry.json()["created"] == 1
    assert "Idempotent-Replayed" not in retry
    assert Adoption.objects.count() == 1


# Who may record them ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["national_viewer", "frontline_member"])
def test_who_may_record_no_adoption_is_refused_the_batch(request, who, checklist, trusts):
    response = post(api(request.getfixturevalue(who)), [row("RHM")], "?partial=true")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Adoption.objects.exists()


def test_a_lead_elsewhere_has_each_row_refused_naming_it(oxford_lead, checklist, trusts):
    response = post(api(oxford_lead), [row("RTH"), row("RHM")])
    assert response.status_code == 400
    assert [(r["index"], r["field"], r["code"]) for r in response.json()["rejected"]] == [
        (1, "organisation", "forbidden")
    ]
    assert not Adoption.objects.exists()
    partial = post(api(oxford_lead), [row("RTH"), row("RHM")], "?partial=true")
    assert partial.json()["created"] == 1
    assert list(Adoption.objects.values_list("organisation__ods_code", flat=True)) == ["RTH"]


@pytest.mark.parametrize("who", ["national_viewer", "oxford_lead", "frontline_member"])
def test_no_single_adoption_write_succeeds_for_viewers_or_leads_elsewhere(
    request, who, checklist, trusts
):
    adoption = AdoptionFactory(organisation=trusts["RHM"], entry=checklist, status="testing")
    client = api(request.getfixturevalue(who))
    created = client.post("/api/v1/adoptions/", row("RBD"), format="json")
    changed = client.patch(
        f"/api/v1/adoptions/{adoption.pk}/", {"status": "sustained"}, format="json"
    )
    assert created.status_code == changed.status_code == 403
    assert Adoption.objects.count() == 1 and Adoption.history.count() == 1
    adoption.refresh_from_db()
    assert adoption.status == "testing"


# One at a time ---------------------------------------------------------------------------------


def test_a_regional_lead_records_and_changes_an_adoption(wessex_lead, checklist, trusts):
    client = api(wessex_lead)
    response = client.post("/api/v1/adoptions/", row("RHM", status="testing"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation"] == trusts["RHM"].pk and body["change"] == "ed-safety-checklist"
    assert body["package"] is None and body["recorded_by"] == "lead.wessex"
    changed = client.patch(
        f"/api/v1/adoptions/{body['id']}/", {"status": "sustained"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["status"] == "sustained"
    assert Adoption.objects.get().status == "sustained"


def test_an_adoption_names_a_change_or_a_package(wessex_lead, trusts):
    response = api(wessex_lead).post(
        "/api/v1/adoptions/", {"organisation": "RHM", "adopted_on": "2016-09-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "change"


def test_an_adoption_keeps_its_organisation(wessex_lead, checklist, trusts):
    adoption = AdoptionFactory(organisation=trusts["RHM"], entry=checklist)
    response = api(wessex_lead).patch(
        f"/api/v1/adoptions/{adoption.pk}/", {"organisation": "RBD"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organisation"
    adoption.refresh_from_db()
    assert adoption.organisation == trusts["RHM"]


def test_the_list_filters_by_change_programme_organisation_region_and_status(
    national_viewer, checklist, trusts
):
    programme = ProgrammeFactory(slug="emergency-laparotomy", lead_regions=["wessex"])
    bundle = ChangeEntryFactory(slug="elpquic-bundle")
    programme.package_items.create(entry=bundle)
    AdoptionFactory(organisation=trusts["RHM"], entry=checklist, status="testing")
    AdoptionFactory(organisation=trusts["RBD"], entry=bundle)
    AdoptionFactory(organisation=trusts["RTH"], package_of=programme, entry=None)
    client = api(national_viewer)

    def found(**query):
        response = client.get("/api/v1/adoptions/", query)
        assert response.status_code == 200, response.content
        return sorted(
            (a["organisation"], a["change"] or a["package"]) for a in response.json()["results"]
        )

    rhm, rbd, rth = (trusts[code].pk for code in ("RHM", "RBD", "RTH"))
    assert found(change="ed-safety-checklist") == [(rhm, "ed-safety-checklist")]
    assert found(programme="emergency-laparotomy") == sorted(
        [(rbd, "elpquic-bundle"), (rth, "emergency-laparotomy")]
    )
    assert found(organisation=rth) == [(rth, "emergency-laparotomy")]
    assert found(region="oxford") == [(rth, "emergency-laparotomy")]
    assert found(status="testing") == [(rhm, "ed-safety-checklist")]
    assert found(adopted_before="2016-01-01") == []
    assert client.get("/api/v1/adoptions/", {"organisation": "x"}).status_code == 400


def test_updated_since_lists_only_adoptions_changed_since(national_viewer, checklist, trusts):
    old = AdoptionFactory(organisation=trusts["RHM"], entry=checklist)
    Adoption.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=5))
    new = AdoptionFactory(organisation=trusts["RBD"], entry=checklist)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    response = api(national_viewer).get("/api/v1/adoptions/", {"updated_since": since})
    assert [a["id"] for a in response.json()["results"]] == [new.pk]
    one = api(national_viewer).get(f"/api/v1/adoptions/{old.pk}/")
    assert one.status_code == 200 and one.json()["adopted_on"] == "2016-09-01"


def test_the_list_costs_the_same_queries_for_3_adoptions_as_for_10(national_viewer):
    client = api(national_viewer)
    client.get("/api/v1/adoptions/")

    def queries(count):
        Adoption.objects.all().delete()
        for n in range(count):
            AdoptionFactory(adopted_on=date(2016, 1, 1) + timedelta(days=n))
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/adoptions/")
        assert response.json()["count"] == count
        return len(captured)

    assert queries(3) == queries(10)
