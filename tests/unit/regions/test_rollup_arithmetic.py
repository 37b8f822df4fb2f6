from datetime import date

import pytest

from core.fiscal import quarter_bounds, years_between
from demo.allocation import split
from reporting.rollups.arithmetic import figures_document, organisation_group


@pytest.mark.parametrize(
    ("kind", "group"),
    [
        ("care_home", "care_home"),
        ("primary_care", "primary_care"),
        ("acute_trust", "provider"),
        ("mental_health_trust", "provider"),
        ("community_trust", "provider"),
        ("ambulance_trust", "provider"),
        ("commissioner", "other"),
        ("university", "other"),
    ],
)
def test_organisations_are_grouped_as_the_programme_reports_them(kind, group):
    assert organisation_group(kind) == group


def test_the_figures_document_fills_absent_metrics_with_zero():
    document = figures_document(
        {
            "staff_trained.total": 12,
            "staff_trained.measurement": 12,
            "organisations_engaged.total": 3,
            "organisations_engaged.care_home": 3,
            "projects_started.topic.falls": 2,
            "projects_started": 2,
        }
    )
    assert document["staff_trained"] == {
        "total": 12,
        "qi_capability": 0,
        "safety_culture": 0,
        "safety_leadership": 0,
        "measurement": 12,
        "human_factors": 0,
        "other": 0,
    }
    assert document["organisations_engaged"]["provider"] == 0
    assert document["projects_started_by_topic"] == {"falls": 2}
    assert document["champions_recruited"]["total"] == 0
    assert document["harm_avoided_estimate"] is None


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        (1, date(2016, 4, 1), date(2016, 6, 30)),
        (2, date(2016, 7, 1), date(2016, 9, 30)),
        (3, date(2016, 10, 1), date(2016, 12, 31)),
        (4, date(2017, 1, 1), date(2017, 3, 31)),
        (0, date(2016, 4, 1), date(2017, 3, 31)),
    ],
)
def test_quarter_bounds(quarter, first, last):
    assert quarter_bounds("2016-17", quarter) == (first, last)


def test_years_between_spans_financial_years():
    assert years_between(date(2016, 3, 31), date(2017, 4, 1)) == ["2015-16", "2016-17", "2017-18"]


@pytest.mark.parametrize(
    ("total", "weights"),
    [
        (10150, [1.2, 0.7, 1.0]),
        (7, [1, 1, 1]),
        (0, [0.5, 2]),
        (1575, [0.6 + i / 20 for i in range(15)]),
    ],
)
def test_split_adds_up_exactly_and_follows_the_weights(total, weights):
    parts = split(total, weights)
    assert sum(parts) == total and len(parts) == len(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / sum(weights)) < 1
