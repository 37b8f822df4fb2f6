"""Impact statements read from stored charts (learning/presenters/impacts.py) and the project
page's "Results from the charts" section (learning/parts/results.py)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.presenters.impacts import impact_document, impacts_by_measure
from measurement.models import Measure
from measurement.services.data import data_points_upsert
from measurement.services.events import events_upsert
from measurement.services.phases import rebase_add, rebase_remove
from projects.models import ProjectStatus
from tests.factories import MeasureFactory, ProjectFactory

pytestmark = pytest.mark.django_db

MAY_2016 = date(2016, 5, 2)  # a Monday
NOV_2016 = date(2016, 11, 7)  # 27 weeks on
SWABS = "Births with a verbal swab count at handover"
REASON = "Swab count added to the handover script"
FROM_27_TO_77 = (
    f"{SWABS}: from 27% (phase 1, from 2 May 2016) to 77% (phase 2, from 7 Nov 2016: {REASON}), "
    "up 185%, an improvement"
)


def swab_rows(before=27, after=77, weeks=48, start=MAY_2016):
    """`before` in 100 births a week until 7 Nov 2016, then `after` in 100 (a birth either way,
    balanced in each phase, so the limits are drawn and the centre lines are exact)."""
    return [
        {
            "period": (start + timedelta(weeks=n)).isoformat(),
            "numerator": (before if start + timedelta(weeks=n) < NOV_2016 else after)
            + [0, 1, -1][n % 3],
            "denominator": 100,
        }
        for n in range(weeks)
    ]


def swab_measure(project, by, name=SWABS, *, rebase=True):
    measure = MeasureFactory(
        project=project,
        name=name,
        data_type="proportion",
        chart="p",
        rules="mdc",
        unit="%",
        multiplier=100,
        frequency="weekly",
    )
    summary = data_points_upsert(by=by, measure=measure, rows=swab_rows())
    assert summary.saved, summary.rejected
    if rebase:
        rebase_add(by=by, measure=measure, start=NOV_2016, reason=REASON)
    return measure


def fresh(measure):
    return Measure.objects.get(pk=measure.pk)


@pytest.fixture
def project():
    return ProjectFactory(title="Swab counts", start_date=date(2016, 4, 1))


def project_page(client, project) -> str:
    response = client.get(reverse("projects:detail", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_project_page_shows_from_27_to_77_between_the_phases(client_for, wessex_lead, project):
    swab_measure(project, wessex_lead)
    html = project_page(client_for(wessex_lead), project)
    assert "Results from the charts" in html
    assert FROM_27_TO_77 in html


def test_a_measure_with_one_phase_says_it_has_no_results_yet(client_for, wessex_lead, project):
    swab_measure(project, wessex_lead, rebase=False)
    html = project_page(client_for(wessex_lead), project)
    assert (
        "No results yet: a measure needs a second phase (rebase after a change) to compare" in html
    )
    assert "from 27%" not in html


def test_a_new_point_changes_the_statement(client_for, wessex_lead, project):
    measure = swab_measure(project, wessex_lead)
    client = client_for(wessex_lead)
    assert FROM_27_TO_77 in project_page(client, project)
    last = MAY_2016 + timedelta(weeks=48)
    data_points_upsert(
        by=wessex_lead,
        measure=measure,
        rows=[{"period": last.isoformat(), "numerator": 98, "denominator": 100}],
    )
    html = project_page(client, project)
    assert FROM_27_TO_77 not in html
    assert "to 78% (phase 2, from 7 Nov 2016" in html  # (77 × 21 + 98) / 22 = 77.95


def test_the_statements_follow_the_phases(wessex_lead, project):
    measure = swab_measure(project, wessex_lead)
    assert [i.kind for i in impacts_by_measure([fresh(measure)])[measure.pk]] == ["level"]
    rebase_remove(by=wessex_lead, rebase=measure.rebases.get())
    assert impacts_by_measure([fresh(measure)])[measure.pk] == []
    rebase_add(by=wessex_lead, measure=measure, start=NOV_2016, reason="Handover script")
    (level,) = impacts_by_measure([fresh(measure)])[measure.pk]
    assert "(phase 2, from 7 Nov 2016: Handover script)" in level.statement


def test_new_data_and_phases_bump_the_data_version_the_cache_is_keyed_on(wessex_lead, project):
    measure = swab_measure(project, wessex_lead, rebase=False)
    versions = [fresh(measure).data_version]
    rebase_add(by=wessex_lead, measure=measure, start=NOV_2016, reason=REASON)
    versions.append(fresh(measure).data_version)
    data_points_upsert(
        by=wessex_lead,
        measure=measure,
        rows=[{"period": (MAY_2016 + timedelta(weeks=48)).isoformat(), "numerator": 80,
               "denominator": 100}],
    )  # fmt: skip
    versions.append(fresh(measure).data_version)
    assert versions[0] < versions[1] < versions[2]


def test_cached_statements_need_no_reading_of_the_chart(wessex_lead, project):
    measure = swab_measure(project, wessex_lead)
    measures = list(Measure.objects.filter(pk=measure.pk).select_related("project"))
    first = impacts_by_measure(measures)
    with CaptureQueriesContext(connection) as queries:
        again = impacts_by_measure(measures)
    assert again == first
    assert len(queries) == 0


def test_the_project_page_reads_every_measure_in_the_same_queries(
    client_for, wessex_lead, project, django_assert_max_num_queries
):
    from django.core.cache import cache

    client = client_for(wessex_lead)
    swab_measure(project, wessex_lead)
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        project_page(client, project)
    for n in range(3):
        swab_measure(project, wessex_lead, name=f"Swabs, ward {n}")
    cache.clear()
    with django_assert_max_num_queries(len(one)):
        html = project_page(client, project)
    assert html.count("from 27% (phase 1") == 4


def test_the_document_gives_display_units_and_the_phases_compared(wessex_lead, project):
    measure = swab_measure(project, wessex_lead)
    (level,) = impacts_by_measure([fresh(measure)])[measure.pk]
    assert impact_document(measure, level) == {
        "measure": measure.pk,
        "measure_name": SWABS,
        "statement": FROM_27_TO_77,
        "before": 27.0,
        "after": 77.0,
        "relative_change": 1.852,
        "unit": "%",
        "kind": "level",
        "phases": [
            {"phase": 1, "start": "2016-05-02", "reason": ""},
            {"phase": 2, "start": "2016-11-07", "reason": REASON},
        ],
    }


def never_events(project, by, dates):
    measure = MeasureFactory(
        project=project, name="Never Events", data_type="events", chart="t", rules="anhoej",
        improvement="increase",
    )  # fmt: skip
    summary = events_upsert(by=by, measure=measure, rows=[{"date": d.isoformat()} for d in dates])
    assert summary.saved, summary.rejected
    return fresh(measure)


def test_days_since_the_last_event_count_to_a_completed_projects_end(wessex_lead, project):
    dates = [date(2016, 1, 4) + timedelta(days=5 * n + n % 2) for n in range(12)]
    measure = never_events(project, wessex_lead, dates)
    project.status, project.completed_on = ProjectStatus.COMPLETED, dates[-1] + timedelta(601)
    project.save()
    impacts = {i.kind: i for i in impacts_by_measure([fresh(measure)])[measure.pk]}
    assert impacts["since_last"].after == 601.0
    assert impacts["since_last"].statement == (
        "Never Events: 601 days since the last event (on 29 Feb 2016)"
    )


def test_days_since_the_last_event_count_to_today_while_the_project_runs(wessex_lead, project):
    from django.utils import timezone

    dates = [date(2016, 1, 4) + timedelta(days=5 * n + n % 2) for n in range(12)]
    measure = never_events(project, wessex_lead, dates)
    since = {i.kind: i for i in impacts_by_measure([measure])[measure.pk]}["since_last"]
    assert since.after == (timezone.localdate() - dates[-1]).days


def test_a_measure_that_cannot_be_charted_has_no_results_and_the_page_still_shows(
    client_for, wessex_lead, project
):
    swab_measure(project, wessex_lead)
    broken = swab_measure(project, wessex_lead, name="Saved around the form")
    Measure.objects.filter(pk=broken.pk).update(rules="ihi", chart="p")  # no such pairing
    html = project_page(client_for(wessex_lead), project)
    assert FROM_27_TO_77 in html
    assert html.count("No results yet") == 1
