"""Phases (rebases) from the measure page: starting one with its cause, refusals at the field,
who may, removing one with its reason kept, and the suggestion where a shift shows."""

import html
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from measurement.analysis import analyse_measure
from measurement.models import Event, Measure, Rebase
from measurement.services.data import data_points_upsert
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    PDSACycleFactory,
    ProjectFactory,
    ProjectMemberFactory,
    region,
)

MONDAY = date(2024, 1, 1)
SHIFT_WEEK = 12  # the process changed here: 25 March 2024
BEFORE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12]
AFTER = [20, 21, 19, 20, 22, 20, 21, 19, 20, 21, 20, 22]


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n)


@pytest.fixture
def project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


def _measure_with(project, by, values, **settings) -> Measure:
    measure = MeasureFactory(project=project, name="Patients with a falls risk check", **settings)
    rows = [{"period": week(i).isoformat(), "value": v} for i, v in enumerate(values)]
    data_points_upsert(by=by, measure=measure, rows=rows)
    measure.refresh_from_db()
    return measure


@pytest.fixture
def shifted(project, wessex_lead):
    """Twelve weeks around 10, then twelve around 20: a sustained shift from week 12."""
    return _measure_with(project, wessex_lead, BEFORE + AFTER)


@pytest.fixture
def cycle(project):
    return PDSACycleFactory(
        change_idea=ChangeIdeaFactory(project=project, text="Falls risk check at admission"),
        title="Risk check on ward 3",
        start_date=week(9),
    )


def page_text(client, measure) -> str:
    response = client.get(measure.get_absolute_url())
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def words(body: str) -> str:
    """The page's text as a reader sees it: no tags, single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", body).split()).replace(" :", ":")


def options(body: str, select_id: str = "id_start") -> list[tuple[str, str, bool]]:
    """A select's options on the page: (value, text, selected)."""
    select = body.split(f'id="{select_id}"')[1].split("</select>")[0]
    return [
        (value, " ".join(text.split()), "selected" in attributes)
        for value, attributes, text in re.findall(
            r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select
        )
    ]


def start_options(body: str) -> dict[str, bool]:
    """The new-phase form's first periods, newest first: {value: selected}."""
    return {value: selected for value, _, selected in options(body)}


def post_phase(client, measure, **values):
    return client.post(reverse("measurement:rebase_create", args=[measure.pk]), values)


def test_an_editor_sees_a_named_control_offering_the_periods_with_data(
    client_for, wessex_lead, shifted, cycle
):
    elsewhere = PDSACycleFactory(title="Another project's cycle")
    body = page_text(client_for(wessex_lead), shifted)
    summary = body.split('<summary class="nhsuk-details__summary"')[1].split("</summary>")[0]
    assert "Start a new phase (rebase) after a change" in summary
    offered = list(start_options(body))
    assert offered[:2] == ["", week(23).isoformat()]  # newest first
    assert week(1).isoformat() in offered
    assert week(0).isoformat() not in offered  # a phase starts after the first point
    assert "Week beginning 25 March 2024" in body
    cycles = [(value, text) for value, text, _ in options(body, "id_pdsa_cycle")]
    assert cycles == [("", "None"), (str(cycle.pk), "Risk check on ward 3 (from 4 March 2024)")]
    assert elsewhere.title not in body


def test_a_lead_starts_a_phase_linked_to_its_pdsa_cycle_and_the_chart_redraws(
    client_for, wessex_lead, shifted, cycle
):
    client = client_for(wessex_lead)
    version = shifted.data_version
    response = post_phase(
        client,
        shifted,
        start=week(SHIFT_WEEK).isoformat(),
        reason="Falls risk check at admission on every ward",
        pdsa_cycle=cycle.pk,
        change_idea=cycle.change_idea.pk,
    )
    assert response.status_code == 302
    assert response["Location"] == f"{shifted.get_absolute_url()}#phases"
    rebase = Rebase.objects.get(measure=shifted)
    assert (rebase.start, rebase.pdsa_cycle, rebase.change_idea, rebase.created_by) == (
        week(SHIFT_WEEK),
        cycle,
        cycle.change_idea,
        wessex_lead,
    )
    shifted.refresh_from_db()
    assert shifted.data_version > version
    assert [p.start for p in analyse_measure(shifted).phases] == [week(0), week(SHIFT_WEEK)]
    body = page_text(client, shifted)
    assert "Phase 2 from 25 March 2024: Falls risk check at admission on every ward" in words(body)
    assert f'href="{cycle.get_absolute_url()}">Risk check on ward 3</a>' in body
    idea_url = reverse(
        "projects:change_idea_detail", args=[shifted.project_id, cycle.change_idea.pk]
    )
    assert f'href="{idea_url}">Falls risk check at admission</a>' in body
    assert f"Started by {wessex_lead.get_full_name() or wessex_lead.username} on " in words(body)
    assert f"chart.svg?v={shifted.data_version}" in body
    assert week(SHIFT_WEEK).isoformat() not in start_options(body)  # taken now


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"reason": "New rota"}, "start", "Choose the first period of the new phase"),
        (
            {"start": "2023-12-25", "reason": "New rota"},
            "start",
            "A new phase must start after the chart's first point",
        ),
        (
            {"start": "2024-01-02", "reason": "New rota"},
            "start",
            "Weekly periods start on a Monday",
        ),
        (
            {"start": week(40).isoformat(), "reason": "New rota"},
            "start",
            "there is no value for",
        ),
        ({"start": week(SHIFT_WEEK).isoformat(), "reason": "  "}, "reason", "needs a reason"),
        (
            {"start": week(SHIFT_WEEK).isoformat(), "reason": "New rota", "pdsa_cycle": "OTHER"},
            "pdsa_cycle",
            "Choose a PDSA cycle of this measure's project",
        ),
    ],
)
def test_a_phase_that_cannot_start_is_refused_at_its_field(
    client_for, wessex_lead, shifted, values, field, message
):
    if values.get("pdsa_cycle") == "OTHER":
        values["pdsa_cycle"] = PDSACycleFactory().pk
    response = post_phase(client_for(wessex_lead), shifted, **values)
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert message in body
    assert f'href="#id_{field}"' in body  # the error summary links to the field
    assert "<title>Error: " in body
    assert " open>" in body.split('id="new-phase"')[1][:40]  # the form stays open
    assert not Rebase.objects.exists()


def test_a_phase_cannot_start_twice_on_one_period(client_for, wessex_lead, shifted):
    client = client_for(wessex_lead)
    post_phase(client, shifted, start=week(SHIFT_WEEK).isoformat(), reason="New rota")
    body = html.unescape(
        post_phase(
            client, shifted, start=week(SHIFT_WEEK).isoformat(), reason="Again"
        ).content.decode()
    )
    assert "A phase already starts on that period" in body
    assert Rebase.objects.count() == 1


@pytest.mark.parametrize("who", ["oxford_lead", "national_viewer", "frontline_member"])
def test_only_those_who_may_edit_the_measure_start_or_remove_phases(
    request, client_for, wessex_lead, shifted, who
):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert "Start a new phase" not in page_text(client, shifted)
    refused = post_phase(client, shifted, start=week(SHIFT_WEEK).isoformat(), reason="x")
    assert refused.status_code == 403
    assert not Rebase.objects.exists()
    rebase = Rebase.objects.create(measure=shifted, start=week(SHIFT_WEEK), reason="Kept")
    client = client_for(user)
    remove = reverse("measurement:rebase_remove", args=[shifted.pk, rebase.pk])
    assert client.get(remove).status_code == 403
    assert client.post(remove).status_code == 403
    assert Rebase.objects.filter(pk=rebase.pk).exists()


def test_a_team_member_may_start_a_phase(client_for, frontline_member, project, shifted):
    ProjectMemberFactory(project=project, user=frontline_member)
    response = post_phase(
        client_for(frontline_member), shifted, start=week(SHIFT_WEEK).isoformat(), reason="x"
    )
    assert response.status_code == 302
    assert Rebase.objects.get().created_by == frontline_member


def test_removing_a_phase_asks_first_then_keeps_its_reason_in_history(
    client_for, wessex_lead, national_admin, shifted
):
    post_phase(
        client_for(wessex_lead), shifted, start=week(SHIFT_WEEK).isoformat(), reason="New rota"
    )
    rebase = Rebase.objects.get()
    client = client_for(national_admin)
    remove = reverse("measurement:rebase_remove", args=[shifted.pk, rebase.pk])
    body = page_text(client, shifted)
    assert f'href="{remove}"' in body
    confirm = html.unescape(client.get(remove).content.decode())
    assert "Remove the phase from 25 March 2024?" in confirm and "New rota" in confirm
    assert Rebase.objects.exists()  # a GET changes nothing
    version = Measure.objects.get(pk=shifted.pk).data_version
    response = client.post(remove)
    assert response.status_code == 302 and response["Location"].endswith("#phases")
    assert not Rebase.objects.exists()
    removed = Rebase.history.get(history_type="-")
    assert (removed.reason, removed.history_user) == ("New rota", national_admin)
    assert Measure.objects.get(pk=shifted.pk).data_version > version
    body = page_text(client, shifted)
    assert "Removed phases (1)" in body
    assert "From 25 March 2024: New rota" in words(body)
    assert f"removed by {national_admin.get_full_name() or national_admin.username} on " in words(
        body
    )
    assert f"Started by {wessex_lead.get_full_name() or wessex_lead.username} on " in words(body)
    assert "One phase: the centre line and limits cover all the data." in body


def test_a_phase_of_another_measure_is_not_found(client_for, wessex_lead, project, shifted):
    other = _measure_with(project, wessex_lead, BEFORE)
    rebase = Rebase.objects.create(measure=other, start=week(3), reason="Other")
    remove = reverse("measurement:rebase_remove", args=[shifted.pk, rebase.pk])
    assert client_for(wessex_lead).post(remove).status_code == 404
    assert Rebase.objects.filter(pk=rebase.pk).exists()


@pytest.mark.parametrize(("chart", "rules"), [("xmr", "mdc"), ("run", "anhoej")])
def test_a_sustained_shift_suggests_a_phase_with_the_form_prefilled(
    client_for, wessex_lead, project, chart, rules
):
    measure = _measure_with(project, wessex_lead, BEFORE + AFTER, chart=chart, rules=rules)
    body = page_text(client_for(wessex_lead), measure)
    assert (
        "A shift starts at 25 March 2024. If the process changed then, start a new phase there."
        in words(body)
    )
    assert f'href="{measure.get_absolute_url()}?start=2024-03-25#new-phase"' in body
    assert start_options(body)["2024-03-25"] is True
    assert " open>" not in body.split('id="new-phase"')[1][:40]  # a suggestion, not a push
    linked = html.unescape(
        client_for(wessex_lead)
        .get(measure.get_absolute_url(), {"start": "2024-03-25"})
        .content.decode()
    )
    assert " open>" in linked.split('id="new-phase"')[1][:40]


def test_no_suggestion_once_a_phase_starts_near_the_shift_or_without_one(
    client_for, wessex_lead, national_viewer, project, shifted
):
    assert "A shift starts" not in page_text(client_for(national_viewer), shifted)
    Rebase.objects.create(measure=shifted, start=week(SHIFT_WEEK - 2), reason="New rota")
    assert "A shift starts" not in page_text(client_for(wessex_lead), shifted)
    steady = _measure_with(project, wessex_lead, BEFORE + BEFORE)
    assert "A shift starts" not in page_text(client_for(wessex_lead), steady)


def test_the_data_entry_grid_links_each_chart_to_its_phases(client_for, wessex_lead, shifted):
    grid = client_for(wessex_lead).get(
        reverse("measurement:project_grid", args=[shifted.project_id])
    )
    assert f'href="{shifted.get_absolute_url()}#phases"' in grid.content.decode()


def test_a_rare_event_chart_starts_its_phase_at_an_event(client_for, wessex_lead, project):
    measure = MeasureFactory(
        project=project,
        name="Days between falls with harm",
        data_type="events",
        chart="t",
        rules="anhoej",
        improvement="increase",
    )
    days = [date(2024, 1, 3) + timedelta(days=9 * n) for n in range(10)]
    measure.events.bulk_create([Event(measure=measure, date=day) for day in days])
    client = client_for(wessex_lead)
    body = page_text(client, measure)
    assert (
        dict((value, text) for value, text, _ in options(body))[days[5].isoformat()]
        == f"Event on {days[5]:%-d %B %Y}"
    )
    assert days[1].isoformat() not in start_options(body)  # a t chart's first point
    first_point = post_phase(client, measure, start=days[1].isoformat(), reason="x")
    assert "must start after the chart's first point" in html.unescape(first_point.content.decode())
    refused = post_phase(
        client, measure, start=(days[5] + timedelta(days=1)).isoformat(), reason="x"
    )
    assert "there is no event for" in html.unescape(refused.content.decode())
    assert post_phase(client, measure, start=days[5].isoformat(), reason="x").status_code == 302
    assert Rebase.objects.get(measure=measure).start == days[5]


def test_a_monthly_measure_offers_its_months(client_for, wessex_lead, project):
    measure = MeasureFactory(project=project, name="Monthly audit", frequency="monthly")
    months = [date(2024, m, 1) for m in range(1, 7)]
    data_points_upsert(
        by=wessex_lead,
        measure=measure,
        rows=[{"period": m.isoformat(), "value": 5 + i} for i, m in enumerate(months)],
    )
    labels = [text for _, text, _ in options(page_text(client_for(wessex_lead), measure))]
    assert labels == [
        "Choose a period",
        "June 2024",
        "May 2024",
        "April 2024",
        "March 2024",
        "February 2024",
    ]
