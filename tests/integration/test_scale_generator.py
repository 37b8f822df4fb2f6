"""`generate_scale_data`: the benchmark dataset has the promised shape, is the same for the same
seed, never overwrites data unasked, and stores the readings the application itself computes."""

import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Sum

from measurement.models import Chart, DataPoint, Event, Measure, Notification, QuarterState
from measurement.services.refresh import refresh_measure
from projects.models import ChangeIdea, PDSACycle, PrimaryDriver, Project
from regions.models import Organisation, TrainingRecord, User
from reporting.models import PendingRollup, RollupFigure
from reporting.rollups.read import figures
from reporting.rollups.service import rollup_full

END = date(2026, 11, 9)  # a Monday: the same data whatever day the test runs
TINY = {"scale": "small", "projects": 20, "weeks": 40, "seed": 7, "end": END}


def generate(**options) -> str:
    out = StringIO()
    call_command("generate_scale_data", stdout=out, **options)
    return out.getvalue()


def digest(rows) -> str:
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def fingerprint() -> dict:
    points = DataPoint.objects.order_by("id")
    return {
        "counts": [
            model.objects.count()
            for model in (
                Organisation,
                User,
                Project,
                PrimaryDriver,
                ChangeIdea,
                PDSACycle,
                Measure,
                DataPoint,
                Event,
                QuarterState,
                TrainingRecord,
                RollupFigure,
            )
        ],
        "values": points.aggregate(v=Sum("value"), n=Sum("numerator"), d=Sum("denominator")),
        "points": digest(points.values_list("id", "measure_id", "period", "value", "numerator")),
        "projects": digest(
            Project.objects.order_by("id").values_list(
                "title", "lead_region__slug", "status", "start_date", "completed_on"
            )
        ),
        "measures": digest(
            Measure.objects.order_by("id").values_list(
                "chart", "rules", "variation", "assurance", "harm_avoided"
            )
        ),
        "figures": digest(
            RollupFigure.objects.order_by(
                "scope", "financial_year", "quarter", "metric"
            ).values_list("metric", "value")
        ),
    }


def test_the_small_preset_writes_every_chart_type_with_a_full_series_each(db):
    output = generate(scale="small", end=END, no_rollup=True)
    assert Project.objects.count() == 300
    assert Measure.objects.count() == 900
    assert Organisation.objects.count() == 150
    assert set(Measure.objects.values_list("chart", flat=True)) == set(Chart.values)
    with_values = Measure.objects.exclude(data_type="events")
    assert DataPoint.objects.count() == with_values.count() * 104
    assert 80_000 < DataPoint.objects.count() < 110_000
    assert Event.objects.filter(measure__data_type="events").exists()
    assert not with_values.filter(quarter_states__isnull=True).exists()
    assert not Measure.objects.exclude(data_version=F("analysed_version")).exists()
    assert not PendingRollup.objects.exists()
    assert "Done:" in output


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not(db):
    generate(**TINY)
    first = fingerprint()
    assert first["counts"][2] == 20 and first["counts"][6] == 60
    generate(**TINY, replace=True)
    assert fingerprint() == first
    generate(**{**TINY, "seed": 8}, replace=True)
    assert fingerprint()["points"] != first["points"]


def test_a_second_run_is_refused_without_replace(db):
    generate(**TINY, no_rollup=True)
    with pytest.raises(CommandError, match="already has projects"):
        generate(**TINY)
    assert Project.objects.count() == 20


def test_stored_readings_are_the_applications_own_and_rollups_match_the_records(db):
    generate(**TINY, no_rollup=True)
    states = set(
        QuarterState.objects.values_list("measure_id", "financial_year", "quarter", "variation")
    )
    readings = set(Measure.objects.values_list("id", "variation", "assurance", "harm_avoided"))
    for measure_id in Measure.objects.values_list("id", flat=True):
        refresh_measure(measure_id)  # marks years pending only where a reading changes
    assert not PendingRollup.objects.exists()
    assert not Notification.objects.exists()  # every past signal counts as already told
    assert (
        set(
            QuarterState.objects.values_list("measure_id", "financial_year", "quarter", "variation")
        )
        == states
    )
    assert (
        set(Measure.objects.values_list("id", "variation", "assurance", "harm_avoided")) == readings
    )

    rollup_full()
    year = "2025-26"
    national = figures("national", year)
    trained = TrainingRecord.objects.filter(date__range=(date(2025, 4, 1), date(2026, 3, 31)))
    assert national["staff_trained"]["total"] == (
        trained.aggregate(n=Sum("people_trained"))["n"] or 0
    )
    assert national["projects_started"] == Project.objects.filter(start_financial_year=year).count()
    assert (
        national["measures_improving"]
        == QuarterState.objects.filter(
            financial_year=year, quarter=0, variation="special_cause_improvement"
        ).count()
    )
