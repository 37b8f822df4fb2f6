"""The measure form proposes Making Data Count, explains every choice, asks the direction and
names options by their labels in its errors; the "How to read" page it links to."""

import html
import re

import pytest
from django.urls import reverse

from measurement.models import Measure
from tests.factories import MeasureFactory, ProjectFactory, region


@pytest.fixture
def project(db):
    return ProjectFactory(title="Sepsis in the emergency department", lead_region=region("wessex"))


def new_measure(**overrides) -> dict:
    return {
        "name": "Screened for sepsis",
        "kind": "process",
        "data_type": "proportion",
        "improvement": "increase",
        "frequency": "weekly",
        "multiplier": "100",
        "screen_moving_ranges": "on",
        **overrides,
    }


def page(response) -> str:
    return html.unescape(response.content.decode())


def checked(body: str, name: str) -> list[str]:
    """The values of the radios named `name` that are checked."""
    radios = re.findall(rf'<input[^>]*name="{name}" type="radio"[^>]*>', body)
    return [re.search(r'value="([^"]*)"', r).group(1) for r in radios if " checked" in r]


def test_a_new_measure_leaves_the_chart_to_the_convention_and_the_direction_to_the_team(
    client_for, wessex_lead, project
):
    body = page(
        client_for(wessex_lead).get(reverse("measurement:measure_create", args=[project.pk]))
    )
    assert checked(body, "chart") == [""] and checked(body, "rules") == [""]
    assert checked(body, "improvement") == []  # "Neither" is not chosen for the team
    assert "Choose for me (the NHS Making Data Count convention)" in body
    assert "An XmR chart for measurements and counts, a p chart for proportions" in body
    assert "7 points in a row on one side of the centre line (a shift)" in body  # MDC's hint
    assert "Signals are then shown in purple and there is no assurance icon" in body
    assert f'href="{reverse("measurement:how_to_read")}"' in body
    assert "The numbers can have decimals" in body


@pytest.mark.parametrize(
    ("data_type", "chart", "rules"),
    [
        ("continuous", "xmr", "mdc"),
        ("count", "xmr", "mdc"),
        ("proportion", "p", "mdc"),
        ("rate", "u", "mdc"),
        ("events", "t", "anhoej"),  # Making Data Count's tests do not apply to rare events
    ],
)
def test_a_new_measure_gets_the_making_data_count_chart_and_rules(
    client_for, wessex_lead, project, data_type, chart, rules
):
    response = client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]),
        new_measure(data_type=data_type),
    )
    assert response.status_code == 302, page(response)
    measure = Measure.objects.get()
    assert (measure.chart, measure.rules) == (chart, rules)


def test_a_chosen_chart_gets_its_usual_rules(client_for, wessex_lead, project):
    client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]), new_measure(chart="run")
    )
    assert (Measure.objects.get().chart, Measure.objects.get().rules) == ("run", "anhoej")


def test_the_direction_of_improvement_must_be_chosen(client_for, wessex_lead, project):
    form = new_measure()
    del form["improvement"]
    response = client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]), form
    )
    body = page(response)
    assert "Choose whether higher or lower is better, or neither" in body
    assert 'href="#id_improvement"' in body
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"data_type": "continuous", "chart": "p"},
            "chart",
            "A p chart cannot plot continuous data: choose an XmR chart or a run chart",
        ),
        (
            {"data_type": "events", "chart": "g", "rules": "mdc"},
            "rules",
            "Making Data Count rules cannot be used with a g chart: choose Anhøj rules",
        ),
        (
            {"chart": "run", "rules": "mdc"},
            "rules",
            "Making Data Count rules cannot be used with a run chart: choose Anhøj rules or "
            "IHI run chart rules",
        ),
        (
            {"data_type": "rate", "chart": "p"},
            "chart",
            "A p chart cannot plot rates: choose a u chart, a u′ chart, an XmR chart or a run "
            "chart",
        ),
    ],
)
def test_errors_name_the_options_by_their_labels_never_a_code(
    client_for, wessex_lead, project, overrides, field, message
):
    response = client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]), new_measure(**overrides)
    )
    body = page(response)
    assert message in body and f'href="#id_{field}"' in body
    assert "use anhoej" not in body and "; use" not in body


def test_the_api_names_the_options_by_their_labels_too(client_for, wessex_lead, project):
    measure = MeasureFactory(project=project, data_type="continuous", chart="xmr", rules="mdc")
    response = client_for(wessex_lead).patch(
        f"/api/v1/measures/{measure.pk}/", {"chart": "run"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "rules",
        "code": "invalid",
        "message": "Making Data Count rules cannot be used with a run chart: choose Anhøj "
        "rules or IHI run chart rules",
    }


def test_a_measure_may_allow_decimals(client_for, wessex_lead, project):
    client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]),
        new_measure(data_type="rate", allow_decimals="on"),
    )
    assert Measure.objects.get().allow_decimals is True


def test_changing_a_measure_shows_its_own_choices(client_for, wessex_lead, project):
    proportion = MeasureFactory(
        project=project, data_type="proportion", chart="pp", rules="anhoej", improvement="neither"
    )
    client = client_for(wessex_lead)
    body = page(client.get(reverse("measurement:measure_update", args=[proportion.pk])))
    assert checked(body, "chart") == ["pp"] and checked(body, "rules") == ["anhoej"]
    assert checked(body, "improvement") == ["neither"]
    assert "The numbers can have decimals" in body
    continuous = MeasureFactory(project=project, data_type="continuous")
    body = page(client.get(reverse("measurement:measure_update", args=[continuous.pk])))
    assert "The numbers can have decimals" not in body  # measurements take decimals anyway


def test_the_how_to_read_page_explains_the_signals_icons_and_charts(client_for, frontline_member):
    body = page(client_for(frontline_member).get(reverse("measurement:how_to_read")))
    for words in (
        "How to read a run chart or SPC chart",
        "a shift</strong>: 7 or more points in a row",
        "a trend</strong>: 7 or more points",
        "two of three</strong>",
        "The limits</strong>",
        "Crossings</strong>",
        "Anhøj rules",
        "p chart</strong>: for proportions",
        "u chart</strong>: for rates",
    ):
        assert words in body, words
    assert "nhsuk-tag--blue" in body and "Special cause improvement" in body
    assert "Consistently misses the target" in body and "nhsuk-tag--orange" in body


def test_the_how_to_read_page_needs_signing_in(client):
    response = client.get(reverse("measurement:how_to_read"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "shown_as"),
    [
        ({"multiplier": "1"}, ("%", 100)),  # the form's defaults: read as a percentage
        ({"multiplier": "1", "unit": "per patient"}, ("per patient", 1)),
        ({"multiplier": "1000", "unit": ""}, ("", 1000)),
        ({"multiplier": "1", "data_type": "continuous"}, ("", 1)),
    ],
)
def test_a_new_proportion_is_shown_as_a_percentage_unless_the_team_says_otherwise(
    client_for, wessex_lead, project, overrides, shown_as
):
    client_for(wessex_lead).post(
        reverse("measurement:measure_create", args=[project.pk]), new_measure(**overrides)
    )
    measure = Measure.objects.get()
    assert (measure.unit, measure.multiplier) == shown_as
