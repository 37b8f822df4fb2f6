import html
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from regions.activity import services
from regions.activity.kinds import KINDS
from regions.models import ChampionRecruitment, OrganisationEngagement, TrainingRecord
from reporting.models import PendingRollup
from tests.factories import OrganisationFactory, region

ALL_KINDS = list(KINDS)


@pytest.fixture
def southampton(db):
    return OrganisationFactory(
        name="Southampton General Hospital", ods_code="RHM", region=region("wessex")
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def url(name: str, kind: str | None = None, pk: int | None = None, slug: str = "wessex") -> str:
    args = [slug] + ([kind] if kind else []) + ([pk] if pk else [])
    return reverse(f"activity:{name}", args=args)


def posted(kind: str, organisation, /, **overrides) -> dict:
    """A valid form for each kind, with the given fields changed."""
    forms = {
        "training": {
            "date": "2016-06-01",
            "course": "QI bronze: Southampton",
            "training_type": "qi_capability",
            "qi_level": "bronze",
            "people_trained": "20",
            "patients_trained": "2",
            "organisation": "",
            "organisation_ods_code": "",
        },
        "champions": {"date": "2016-06-01", "kind": "q_fellow", "count": "3"},
        "engagement": {
            "organisation": organisation.pk,
            "organisation_ods_code": "",
            "first_engaged": "2016-06-01",
            "route": "training",
        },
        "culture": {
            "team": "Ward 7",
            "organisation": "",
            "organisation_ods_code": "",
            "date": "2016-06-01",
            "tool": "score",
        },
    }
    return {**forms[kind], **overrides}


def service_fields(kind: str, organisation, /, **overrides) -> dict:
    fields = {
        "training": {
            "date": date(2016, 6, 1),
            "course": "Human factors",
            "training_type": "human_factors",
            "people_trained": 12,
        },
        "champions": {"date": date(2016, 6, 1), "kind": "patient_safety_champion", "count": 4},
        "engagement": {
            "organisation": organisation,
            "first_engaged": date(2016, 6, 1),
            "route": "project",
        },
        "culture": {"team": "Ward 9", "date": date(2016, 6, 1), "tool": "saq"},
    }
    return {**fields[kind], **overrides}


def add(kind: str, by, organisation, /, slug="wessex", **overrides):
    return services.creator_for(kind)(
        by=by, region=region(slug), **service_fields(kind, organisation, **overrides)
    )


EDITS = {
    "training": {"course": "QI silver: Poole", "qi_level": "silver"},
    "champions": {"count": "5"},
    "engagement": {"route": "network"},
    "culture": {"team": "Ward 8"},
}


# Adding, changing and deleting ----------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_lead_adds_a_record_to_their_region(client_for, wessex_lead, southampton, kind):
    response = client_for(wessex_lead).post(url("create", kind), posted(kind, southampton))
    assert response.status_code == 302
    assert response["Location"] == url("list", kind) + "?year=2016-17"
    record = KINDS[kind].model.objects.get()
    assert record.region == region("wessex")
    assert record.created_by == wessex_lead
    assert record.history.get().history_user == wessex_lead
    assert "was added" in text(client_for(wessex_lead).get(response["Location"]))


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_lead_changes_a_record_in_their_region(client_for, wessex_lead, southampton, kind):
    record = add(kind, wessex_lead, southampton)
    response = client_for(wessex_lead).post(
        url("update", kind, record.pk), posted(kind, southampton, **EDITS[kind])
    )
    assert response.status_code == 302
    record.refresh_from_db()
    for field, value in EDITS[kind].items():
        assert str(getattr(record, field)) == value
    newest = record.history.first()
    assert (newest.history_type, newest.history_user) == ("~", wessex_lead)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_lead_deletes_a_record_after_confirming(client_for, wessex_lead, southampton, kind):
    record = add(kind, wessex_lead, southampton)
    client = client_for(wessex_lead)
    confirm = client.get(url("delete", kind, record.pk))
    assert confirm.status_code == 200
    assert "Are you sure you want to delete" in text(confirm)
    assert KINDS[kind].model.objects.filter(pk=record.pk).exists()  # a GET deletes nothing
    response = client.post(url("delete", kind, record.pk))
    assert response.status_code == 302
    assert not KINDS[kind].model.objects.filter(pk=record.pk).exists()
    deleted = KINDS[kind].model.history.filter(id=record.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", wessex_lead)


def test_a_national_admin_writes_any_regions_records(client_for, national_admin, southampton):
    response = client_for(national_admin).post(
        url("create", "champions", slug="oxford"), posted("champions", southampton)
    )
    assert response.status_code == 302
    assert ChampionRecruitment.objects.get().region == region("oxford")


# Who may write ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_another_regions_lead_is_refused_and_nothing_changes(
    client_for, wessex_lead, oxford_lead, southampton, kind
):
    record = add(kind, wessex_lead, southampton)
    before = list(KINDS[kind].model.objects.values())
    client = client_for(oxford_lead)
    attempts = [
        client.get(url("create", kind)),
        client.post(url("create", kind), posted(kind, southampton)),
        client.get(url("update", kind, record.pk)),
        client.post(url("update", kind, record.pk), posted(kind, southampton, **EDITS[kind])),
        client.post(url("delete", kind, record.pk)),
        client.get(url("csv_upload", kind)),
    ]
    for response in attempts:
        assert response.status_code == 403
        assert (
            "Only leads of Wessex and national admins can add or change its activity "
            "records" in text(response)
        )
    assert list(KINDS[kind].model.objects.values()) == before


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_national_viewer_reads_but_cannot_write(
    client_for, wessex_lead, national_viewer, southampton, kind
):
    record = add(kind, wessex_lead, southampton)
    client = client_for(national_viewer)
    page = client.get(url("list", kind))
    assert page.status_code == 200
    assert "Add " + KINDS[kind].a_noun not in text(page)
    assert "Change" not in text(page).split("<h1>")[1]
    assert client.get(url("overview")).status_code == 200
    assert client.get(url("create", kind)).status_code == 403
    assert (
        client.post(
            url("update", kind, record.pk), posted(kind, southampton, **EDITS[kind])
        ).status_code
        == 403
    )
    assert client.post(url("delete", kind, record.pk)).status_code == 403
    assert KINDS[kind].model.objects.filter(pk=record.pk).exists()


def test_a_frontline_member_reads_every_regions_records(
    client_for, wessex_lead, frontline_member, southampton
):
    add("training", wessex_lead, southampton, course="Human factors for porters")
    page = text(client_for(frontline_member).get(url("list", "training")))
    assert "Human factors for porters" in page


def test_the_services_refuse_another_regions_lead(oxford_lead, wessex_lead, southampton):
    with pytest.raises(PermissionDenied):
        add("training", oxford_lead, southampton)
    record = add("training", wessex_lead, southampton)
    with pytest.raises(PermissionDenied):
        services.record_update(by=oxford_lead, record=record, course="Taken over")
    with pytest.raises(PermissionDenied):
        services.record_delete(by=oxford_lead, record=record)
    record.region = region("oxford")  # moving it on the object does not move the check
    with pytest.raises(PermissionDenied):
        services.record_update(by=oxford_lead, record=record, course="Taken over")
    assert TrainingRecord.objects.get().course == "Human factors"
    assert TrainingRecord.objects.get().region == region("wessex")


def test_a_record_is_found_only_under_its_own_region(
    client_for, national_admin, wessex_lead, southampton
):
    record = add("champions", wessex_lead, southampton)
    client = client_for(national_admin)
    assert client.get(url("update", "champions", record.pk, slug="oxford")).status_code == 404
    assert client.get(url("update", "training", record.pk)).status_code == 404


def test_an_unknown_kind_or_region_is_not_found(client_for, frontline_member):
    client = client_for(frontline_member)
    response = client.get(url("list", "awards"))
    assert response.status_code == 404
    assert client.get(url("overview", slug="atlantis")).status_code == 404


def test_pages_need_sign_in(client):
    response = client.get(url("list", "training"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Bad input: a message naming the field, and nothing saved ---------------------------------

FUTURE = (timezone.localdate() + timedelta(days=1)).isoformat()


def refused(client_for, user, kind, organisation, field, message, /, **overrides):
    """Posts a bad form; asserts the message is linked to its field and nothing was saved."""
    response = client_for(user).post(url("create", kind), posted(kind, organisation, **overrides))
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert f'href="#id_{field}"' in page
    assert "Error: " in page.split("<title>")[1]
    return response


@pytest.mark.parametrize(
    ("kind", "field", "name"),
    [
        ("training", "date", "date delivered"),
        ("champions", "date", "date recruited"),
        ("engagement", "first_engaged", "date first engaged"),
        ("culture", "date", "date assessed"),
    ],
)
def test_a_future_date_is_refused(client_for, wessex_lead, southampton, kind, field, name):
    refused(
        client_for,
        wessex_lead,
        kind,
        southampton,
        field,
        f"The {name} cannot be in the future",
        **{field: FUTURE},
    )
    assert not KINDS[kind].model.objects.exists()
    assert not PendingRollup.objects.exists()


@pytest.mark.parametrize(("kind", "field"), [("training", "date"), ("engagement", "first_engaged")])
def test_a_date_before_2010_is_refused(client_for, wessex_lead, southampton, kind, field):
    refused(
        client_for,
        wessex_lead,
        kind,
        southampton,
        field,
        "must be on or after 1 January 2010",
        **{field: "2009-12-31"},
    )
    assert not KINDS[kind].model.objects.exists()


def test_a_date_that_is_not_a_date_is_refused(client_for, wessex_lead, southampton):
    refused(
        client_for,
        wessex_lead,
        "champions",
        southampton,
        "date",
        "Enter the date recruited as a real date, like 2016-06-01",
        date="2016-02-30",
    )


def test_a_level_on_training_that_is_not_qi_capability_is_refused(
    client_for, wessex_lead, southampton
):
    refused(
        client_for,
        wessex_lead,
        "training",
        southampton,
        "qi_level",
        "Only QI capability training has a level",
        training_type="safety_culture",
        qi_level="gold",
    )
    assert not TrainingRecord.objects.exists()


def test_qi_capability_training_needs_its_level(client_for, wessex_lead, southampton):
    refused(
        client_for,
        wessex_lead,
        "training",
        southampton,
        "qi_level",
        "Select the QI capability level: bronze, silver or gold",
        qi_level="",
    )


def test_more_patients_than_people_trained_is_refused(client_for, wessex_lead, southampton):
    refused(
        client_for,
        wessex_lead,
        "training",
        southampton,
        "patients_trained",
        "The number of patients or carers (21) cannot be more than the number of people "
        "trained (20)",
        patients_trained="21",
    )
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("training", "people_trained", "-3", "The number of people trained must be 0 or more"),
        (
            "training",
            "patients_trained",
            "-1",
            "The number of patients or carers must be 0 or more",
        ),
        (
            "training",
            "people_trained",
            "twelve",
            "Enter the number of people trained as a whole number, like 25",
        ),
        ("training", "people_trained", "", "Enter the number of people trained"),
        (
            "training",
            "people_trained",
            "250000",
            "The number of people trained must be 100,000 or fewer",
        ),
        ("champions", "count", "0", "The number recruited must be 1 or more"),
        ("champions", "count", "-2", "The number recruited must be 1 or more"),
        ("champions", "count", "3.5", "Enter the number recruited as a whole number, like 25"),
    ],
)
def test_negative_or_non_numeric_counts_are_refused(
    client_for, wessex_lead, southampton, kind, field, value, message
):
    refused(client_for, wessex_lead, kind, southampton, field, message, **{field: value})
    assert not KINDS[kind].model.objects.exists()


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("training", "course", "Enter the course or programme"),
        ("training", "training_type", "Select the training type"),
        ("champions", "kind", "Select the kind of champion"),
        ("engagement", "route", "Select how the organisation was engaged"),
        ("engagement", "organisation", "Select the organisation engaged, or enter its ODS code"),
        ("culture", "team", "Enter the team assessed"),
        ("culture", "tool", "Select the assessment tool"),
    ],
)
def test_a_missing_field_is_named(client_for, wessex_lead, southampton, kind, field, message):
    refused(client_for, wessex_lead, kind, southampton, field, message, **{field: ""})


def test_an_organisation_engaged_twice_by_a_region_is_refused(client_for, wessex_lead, southampton):
    add("engagement", wessex_lead, southampton)
    refused(
        client_for,
        wessex_lead,
        "engagement",
        southampton,
        "organisation",
        "Wessex already recorded Southampton General Hospital as engaged from 1 June 2016",
        first_engaged="2017-01-09",
    )
    assert OrganisationEngagement.objects.count() == 1


def test_another_region_may_engage_the_same_organisation(
    client_for, wessex_lead, oxford_lead, southampton
):
    add("engagement", wessex_lead, southampton)
    response = client_for(oxford_lead).post(
        url("create", "engagement", slug="oxford"),
        posted("engagement", southampton, organisation="", organisation_ods_code="rhm"),
    )
    assert response.status_code == 302
    assert OrganisationEngagement.objects.filter(organisation=southampton).count() == 2


def test_an_unknown_ods_code_is_named(client_for, wessex_lead, southampton):
    refused(
        client_for,
        wessex_lead,
        "culture",
        southampton,
        "organisation_ods_code",
        "No organisation in the register has the ODS code ZZZ99",
        organisation_ods_code="zzz99",
    )


def test_the_organisation_list_offers_the_regions_own_organisations(
    client_for, wessex_lead, southampton
):
    OrganisationFactory(name="John Radcliffe Hospital", region=region("oxford"))
    page = text(client_for(wessex_lead).get(url("create", "engagement")))
    assert "Southampton General Hospital (RHM)" in page
    assert "John Radcliffe Hospital" not in page


def test_a_bad_change_leaves_the_record_as_it_was(client_for, wessex_lead, southampton):
    record = add("training", wessex_lead, southampton)
    response = client_for(wessex_lead).post(
        url("update", "training", record.pk),
        posted("training", southampton, course="Changed", training_type="other", qi_level="silver"),
    )
    assert response.status_code == 200
    assert "Only QI capability training has a level" in text(response)
    record.refresh_from_db()
    assert record.course == "Human factors"
    assert record.history.count() == 1


def test_the_services_name_the_field_for_api_callers(wessex_lead, southampton):
    with pytest.raises(ValidationError) as refusal:
        add(
            "training",
            wessex_lead,
            southampton,
            people_trained=5,
            patients_trained=6,
            qi_level="gold",
        )
    assert set(refusal.value.message_dict) == {"patients_trained", "qi_level"}
    with pytest.raises(ValidationError) as refusal:
        add("champions", wessex_lead, southampton, count=-1, date=date(2009, 1, 1))
    assert set(refusal.value.message_dict) == {"count", "date"}
    assert not TrainingRecord.objects.exists() and not ChampionRecruitment.objects.exists()
    with pytest.raises(TypeError):
        add("champions", wessex_lead, southampton, region=region("oxford"))


# Rollups, lists and the overview ---------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_saved_record_marks_its_year_for_the_rollup(client_for, wessex_lead, southampton, kind):
    PendingRollup.objects.all().delete()
    client_for(wessex_lead).post(url("create", kind), posted(kind, southampton))
    assert PendingRollup.objects.filter(scope="wessex", financial_year="2016-17").exists()


def test_the_list_is_newest_first_with_the_years_totals(client_for, wessex_lead, southampton):
    add("training", wessex_lead, southampton, course="Older", date=date(2016, 5, 3))
    add(
        "training",
        wessex_lead,
        southampton,
        course="Newer",
        date=date(2017, 3, 1),
        people_trained=30,
        patients_trained=4,
    )
    add(
        "training",
        wessex_lead,
        southampton,
        course="Next year",
        date=date(2017, 4, 1),
        people_trained=100,
    )
    page = text(client_for(wessex_lead).get(url("list", "training"), {"year": "2016-17"}))
    assert page.index("Newer") < page.index("Older")
    assert "Next year" not in page
    assert "Totals in 2016-17" in page
    totals = page.split("Totals in 2016-17")[1].split("</table>")[0]
    rows = re.findall(r'<td class="nhsuk-table__cell[^"]*">([^<]*)</td>', totals)
    pairs = dict(zip(rows[::2], rows[1::2], strict=True))
    assert pairs["Human factors / SBAR"] == "42" and pairs["All training"] == "42"
    assert pairs["Of them, patients or carers"] == "4"
    assert pairs["QI capability"] == "0"
    assert "2 training records in 2016-17" in page


def test_the_list_is_paginated(client_for, wessex_lead, southampton):
    for day in range(55):
        add("champions", wessex_lead, southampton, date=date(2016, 4, 1) + timedelta(days=day))
    client = client_for(wessex_lead)
    first = text(client.get(url("list", "champions")))
    assert "Page 1 of 2" in first and "1 June 2016" not in first.split("<h1>")[1].split("Totals")[0]
    second = text(client.get(url("list", "champions"), {"page": 2}))
    assert "Page 2 of 2" in second and "1 April 2016" in second


def test_the_overview_counts_each_kind(client_for, wessex_lead, frontline_member, southampton):
    add("champions", wessex_lead, southampton, count=4)
    add("champions", wessex_lead, southampton, count=6)
    add("engagement", wessex_lead, southampton)
    page = text(client_for(frontline_member).get(url("overview")))
    for kind in KINDS.values():
        assert f'href="{url("list", kind.slug)}"' in page
    champions_row = page.split("Safety champions recruited</a>")[1].split("</tr>")[0]
    assert ">2</td>" in champions_row and ">10</td>" in champions_row


def test_the_region_page_links_to_its_activity(client_for, frontline_member):
    page = text(client_for(frontline_member).get(reverse("regions:detail", args=["wessex"])))
    assert f'href="{url("overview")}"' in page
