"""What the story API tests share: a Wessex project whose lead is a frontline nurse, a chart
that moved from 27% to 77% between its two phases, and clients signed in as anyone."""

from datetime import date, timedelta

from rest_framework.test import APIClient

from measurement.services.data import data_points_upsert
from measurement.services.phases import rebase_add
from tests.factories import MeasureFactory

MAY_2016 = date(2016, 5, 2)  # a Monday
NOV_2016 = date(2016, 11, 7)  # 27 weeks on
SWABS = "Births with a verbal swab count at handover"
REASON = "Swab count added to the handover script"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def swab_measure(project, by, name=SWABS):
    """27 in 100 births a week until 7 Nov 2016, 77 in 100 after it (a phase from that day)."""
    measure = MeasureFactory(
        project=project,
        name=name,
        data_type="proportion",
        chart="p",
        rules="mdc",
        unit="%",
        multiplier=100,
        frequency="weekly",
        improvement="increase",
    )
    rows = [
        {
            "period": (MAY_2016 + timedelta(weeks=n)).isoformat(),
            "numerator": (27 if MAY_2016 + timedelta(weeks=n) < NOV_2016 else 77)
            + [0, 1, -1][n % 3],
            "denominator": 100,
        }
        for n in range(48)
    ]
    summary = data_points_upsert(by=by, measure=measure, rows=rows)
    assert summary.saved, summary.rejected
    rebase_add(by=by, measure=measure, start=NOV_2016, reason=REASON)
    return measure


def field_errors(response) -> set[str]:
    assert response.status_code == 400, response.content
    return {error["field"] for error in response.json()["errors"]}
