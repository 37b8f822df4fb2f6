"""Rollups agree with the records, however they got there: incremental after any sequence of
edits equals a full rebuild, and both equal a direct aggregate."""

from datetime import UTC, date, datetime, time

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.models import Project
from projects.services.stalled import mark_stalled_projects
from regions.models import ChampionRecruitment, OrganisationEngagement, TrainingRecord
from reporting.models import PendingRollup, RollupFigure
from reporting.rollups.read import figures
from reporting.rollups.service import rollup_full, rollup_incremental
from tests.factories import OrganisationFactory, ProjectFactory, region

REGIONS = ["wessex", "oxford", "south-west"]
DAYS = st.dates(min_value=date(2015, 4, 1), max_value=date(2018, 3, 31))


def snapshot() -> set[tuple]:
    return set(
        RollupFigure.objects.values_list("scope", "financial_year", "quarter", "metric", "value")
    )


def training(slug, day, people=10, patients=0, kind="measurement"):
    return TrainingRecord.objects.create(
        region=region(slug),
        date=day,
        course="Course",
        training_type=kind,
        people_trained=people,
        patients_trained=patients,
    )


def test_the_national_figures_equal_a_direct_aggregate_of_the_records(db):
    for slug, day, people in [
        ("wessex", date(2016, 5, 1), 40),
        ("oxford", date(2016, 8, 9), 25),
        ("oxford", date(2017, 5, 1), 7),
    ]:
        training(slug, day, people, patients=people // 5)
    ChampionRecruitment.objects.create(
        region=region("wessex"), date=date(2016, 6, 1), kind="q_fellow", count=3
    )
    shared = OrganisationFactory(type="care_home")
    for slug in ("wessex", "oxford"):
        OrganisationEngagement.objects.create(
            region=region(slug),
            organisation=shared,
            first_engaged=date(2016, 9, 1),
            route="project",
        )
    ProjectFactory(start_date=date(2016, 7, 4), status="completed", completed_on=date(2017, 1, 9))
    rollup_full()
    national = figures("national", "2016-17")
    direct = TrainingRecord.objects.filter(date__range=(date(2016, 4, 1), date(2017, 3, 31)))
    assert national["staff_trained"]["total"] == direct.aggregate(n=Sum("people_trained"))["n"]
    assert national["patients_trained"] == direct.aggregate(n=Sum("patients_trained"))["n"]
    assert national["champions_recruited"] == {
        "total": 3,
        "patient_safety_champion": 0,
        "q_fellow": 3,
        "qi_expert": 0,
    }
    assert national["organisations_engaged"]["total"] == 1  # distinct, not one per region
    assert figures("wessex", "2016-17")["organisations_engaged"]["care_home"] == 1
    assert figures("oxford", "2016-17")["organisations_engaged"]["care_home"] == 1
    assert (national["projects_started"], national["projects_completed"]) == (1, 1)
    assert figures("national", "2016-17", quarter=3)["projects_active"] == 1
    assert figures("national", "2016-17", quarter=4)["projects_active"] == 0


def test_a_change_marks_its_region_and_year_pending_in_the_same_transaction(db):
    record = training("wessex", date(2016, 5, 1))
    assert set(PendingRollup.objects.values_list("scope", "financial_year")) == {
        ("wessex", "2016-17")
    }
    rollup_incremental()
    assert not PendingRollup.objects.exists()
    record.region = region("oxford")
    record.date = date(2017, 6, 1)
    record.save()
    assert set(PendingRollup.objects.values_list("scope", "financial_year")) == {
        ("wessex", "2016-17"),
        ("oxford", "2017-18"),
    }


@pytest.mark.django_db(transaction=True)
def test_editing_a_record_updates_the_dashboard_figures_at_once_in_eager_mode(fifteen_regions):
    record = training("wessex", date(2016, 5, 1), people=12)  # commits; the rollup runs eagerly
    assert figures("national", "2016-17")["staff_trained"]["total"] == 12
    record.people_trained = 30
    record.save()
    assert figures("national", "2016-17")["staff_trained"]["total"] == 30
    assert not PendingRollup.objects.exists()


EDIT = st.one_of(
    st.tuples(st.just("add_training"), st.sampled_from(REGIONS), DAYS, st.integers(1, 50)),
    st.tuples(st.just("move_training"), st.sampled_from(REGIONS), DAYS, st.integers(0, 10)),
    st.tuples(st.just("delete_training"), st.integers(0, 10)),
    st.tuples(st.just("add_engagement"), st.sampled_from(REGIONS), DAYS, st.integers(0, 3)),
    st.tuples(
        st.just("add_project"),
        st.sampled_from(REGIONS),
        DAYS,
        st.sampled_from(["active", "completed", "stopped", "stalled"]),
    ),
    st.tuples(st.just("stall_quiet_projects"), DAYS),
)


def apply(edit, organisations) -> None:
    kind = edit[0]
    records = list(TrainingRecord.objects.order_by("id"))
    if kind == "add_training":
        training(edit[1], edit[2], people=edit[3])
    elif kind == "move_training" and records:
        record = records[edit[3] % len(records)]
        record.region, record.date = region(edit[1]), edit[2]
        record.save()
    elif kind == "delete_training" and records:
        records[edit[1] % len(records)].delete()
    elif kind == "add_engagement":
        OrganisationEngagement.objects.get_or_create(
            region=region(edit[1]),
            organisation=organisations[edit[3]],
            defaults={"first_engaged": edit[2], "route": "network"},
        )
    elif kind == "stall_quiet_projects":
        mark_stalled_projects(edit[1])  # the nightly sweep, run on that day
    elif kind == "add_project":
        done = edit[3] == "completed"
        project = ProjectFactory(
            lead_region=region(edit[1]),
            start_date=edit[2],
            status=edit[3],
            status_since=edit[2],
            completed_on=edit[2] if done else None,
        )
        # Last edited on its start (no signal: as if long ago), so a later sweep may stall it.
        edited = datetime.combine(edit[2], time(12), tzinfo=UTC)
        Project.objects.filter(pk=project.pk).update(updated_at=edited)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDIT, min_size=1, max_size=6))
def test_incremental_rollups_after_any_edits_equal_a_full_rebuild(db, edits):
    TrainingRecord.objects.all().delete()
    OrganisationEngagement.objects.all().delete()
    RollupFigure.objects.all().delete()
    organisations = [
        OrganisationFactory(type=t)
        for t in ("care_home", "primary_care", "acute_trust", "university")
    ]
    Project.objects.all().delete()
    rollup_full()
    for edit in edits:
        apply(edit, organisations)
        rollup_incremental()
    incremental = snapshot()
    rollup_full()
    assert incremental == snapshot()
    assert not PendingRollup.objects.exists()


def test_the_rollup_command_runs_pending_then_full(db):
    from io import StringIO

    from django.core.management import call_command

    training("wessex", date(2016, 5, 1), people=9)
    out = StringIO()
    call_command("rollup", stdout=out)
    assert "Incremental: 2 scopes and years" in out.getvalue()  # Wessex and national, 2016-17
    assert figures("national", "2016-17")["staff_trained"]["total"] == 9
    call_command("rollup", stdout=out)
    assert "Nothing was pending." in out.getvalue()
    call_command("rollup", "--full", stdout=out)
    assert "Full rebuild:" in out.getvalue()
