"""Recording adoptions, one at a time and in batches: who may, the rules, all or nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import Adoption
from learning.services.adoptions import adoption_record, adoption_update, adoptions_save
from regions.models import OrganisationType
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return ChangeEntryFactory(slug="early-warning")


@pytest.fixture
def wessex_trust():
    return OrganisationFactory(name="Wessex General", ods_code="RWX", region=region("wessex"))


@pytest.fixture
def oxford_trust():
    return OrganisationFactory(name="Oxford Royal", ods_code="ROX", region=region("oxford"))


def row(**cells):
    base = {"organisation": "RWX", "change": "early-warning", "adopted_on": "2017-01-09"}
    base.update(status="testing", source="elsewhere")
    return {**base, **cells}


# One adoption ------------------------------------------------------------------------------


def test_a_regional_lead_records_an_adoption_for_their_region(wessex_lead, wessex_trust, entry):
    adoption = adoption_record(
        by=wessex_lead,
        organisation=wessex_trust,
        entry=entry,
        adopted_on=date(2017, 1, 9),
        status="implemented",
    )
    assert adoption.pk and adoption.recorded_by == wessex_lead
    assert adoption.history.first().history_user == wessex_lead


def test_recording_again_updates_rather_than_duplicates(wessex_lead, wessex_trust, entry):
    first = adoption_record(
        by=wessex_lead,
        organisation=wessex_trust,
        entry=entry,
        adopted_on=date(2017, 1, 9),
        status="testing",
    )
    again = adoption_record(
        by=wessex_lead,
        organisation=wessex_trust,
        entry=entry,
        adopted_on=date(2017, 1, 9),
        status="sustained",
    )
    assert again.pk == first.pk
    assert Adoption.objects.get().status == "sustained"
    assert Adoption.objects.get().history.count() == 2


def test_a_lead_of_another_region_is_refused(oxford_lead, wessex_trust, entry):
    with pytest.raises(PermissionDenied, match="Wessex"):
        adoption_record(
            by=oxford_lead,
            organisation=wessex_trust,
            entry=entry,
            adopted_on=date(2017, 1, 9),
            status="testing",
        )
    assert not Adoption.objects.exists()


def test_a_programme_lead_records_for_any_region_its_package(oxford_lead, wessex_trust):
    programme = ProgrammeFactory(leads=[oxford_lead])
    adoption = adoption_record(
        by=oxford_lead,
        organisation=wessex_trust,
        package_of=programme,
        adopted_on=date(2017, 1, 9),
        status="testing",
    )
    assert adoption.package_of == programme


def test_only_a_plan_may_be_dated_in_the_future(wessex_lead, wessex_trust, entry):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        adoption_record(
            by=wessex_lead,
            organisation=wessex_trust,
            entry=entry,
            adopted_on=tomorrow,
            status="implemented",
        )
    assert "only a planned adoption" in refused.value.message_dict["adopted_on"][0]
    planned = adoption_record(
        by=wessex_lead,
        organisation=wessex_trust,
        entry=entry,
        adopted_on=tomorrow,
        status="planned",
    )
    assert planned.adopted_on == tomorrow


def test_a_project_source_names_the_project(wessex_lead, wessex_trust, entry):
    with pytest.raises(ValidationError) as refused:
        adoption_record(
            by=wessex_lead,
            organisation=wessex_trust,
            entry=entry,
            adopted_on=date(2017, 1, 9),
            status="testing",
            source="project",
        )
    assert "source_project" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        adoption_record(
            by=wessex_lead,
            organisation=wessex_trust,
            entry=entry,
            adopted_on=date(2017, 1, 9),
            status="testing",
            source="programme",
        )
    assert "source_programme" in refused.value.message_dict


def test_an_adoption_is_of_an_entry_or_a_package_not_both(wessex_lead, wessex_trust, entry):
    with pytest.raises(ValidationError):
        adoption_record(
            by=wessex_lead,
            organisation=wessex_trust,
            entry=entry,
            package_of=ProgrammeFactory(),
            adopted_on=date(2017, 1, 9),
            status="testing",
        )


def test_update_changes_status_and_clears_a_source_that_no_longer_applies(
    wessex_lead, wessex_trust, entry
):
    project = ProjectFactory()
    adoption = AdoptionFactory(
        organisation=wessex_trust, entry=entry, source="project", source_project=project
    )
    adoption_update(by=wessex_lead, adoption=adoption, status="sustained", source="elsewhere")
    adoption.refresh_from_db()
    assert (adoption.status, adoption.source, adoption.source_project) == (
        "sustained",
        "elsewhere",
        None,
    )


def test_update_is_refused_to_a_national_viewer(national_viewer, wessex_trust, entry):
    adoption = AdoptionFactory(organisation=wessex_trust, entry=entry, status="testing")
    with pytest.raises(PermissionDenied):
        adoption_update(by=national_viewer, adoption=adoption, status="sustained")
    adoption.refresh_from_db()
    assert adoption.status == "testing"


# Many adoptions ----------------------------------------------------------------------------


def test_a_batch_saves_every_row(wessex_lead, wessex_trust, entry):
    OrganisationFactory(ods_code="RWY", region=region("wessex"))
    summary = adoptions_save(by=wessex_lead, rows=[row(), row(organisation="rwy")])
    assert (summary.created, summary.updated, summary.saved) == (2, 0, True)
    assert Adoption.objects.count() == 2


def test_one_bad_row_saves_nothing_and_names_the_row(wessex_lead, wessex_trust, entry):
    OrganisationFactory(ods_code="RWY", region=region("wessex"))
    summary = adoptions_save(
        by=wessex_lead,
        rows=[row(), row(organisation="RWY", adopted_on="2017-02-30"), row(organisation="RWY")],
    )
    assert not summary.saved
    assert [(p.row, p.field, p.code) for p in summary.problems] == [(2, "adopted_on", "invalid")]
    assert "2017-02-30" in summary.problems[0].message
    assert not Adoption.objects.exists()


def test_a_refused_row_is_a_problem_naming_it(wessex_lead, wessex_trust, oxford_trust, entry):
    summary = adoptions_save(by=wessex_lead, rows=[row(), row(organisation="ROX")])
    assert [(p.row, p.field, p.code) for p in summary.problems] == [
        (2, "organisation", "forbidden")
    ]
    assert "Oxford Royal" in summary.problems[0].message
    assert not Adoption.objects.exists()


def test_partial_saves_the_good_rows(wessex_lead, wessex_trust, oxford_trust, entry):
    summary = adoptions_save(
        by=wessex_lead, rows=[row(organisation="ROX"), row(), row(status="adopted")], partial=True
    )
    assert summary.created == 1 and summary.saved
    assert [(p.row, p.field) for p in summary.problems] == [(1, "organisation"), (3, "status")]
    assert Adoption.objects.get().organisation == wessex_trust


def test_dry_run_checks_and_saves_nothing(wessex_lead, wessex_trust, entry):
    AdoptionFactory(organisation=wessex_trust, entry=entry, adopted_on=date(2017, 1, 9))
    OrganisationFactory(ods_code="RWY", region=region("wessex"))
    summary = adoptions_save(
        by=wessex_lead,
        rows=[row(status="implemented"), row(organisation="RWY")],
        dry_run=True,
    )
    assert (summary.created, summary.updated, summary.unchanged) == (1, 0, 1)
    assert not summary.saved
    assert Adoption.objects.count() == 1


def test_a_batch_upserts_and_counts_updates(wessex_lead, wessex_trust, entry):
    existing = AdoptionFactory(
        organisation=wessex_trust, entry=entry, adopted_on=date(2017, 1, 9), status="testing"
    )
    summary = adoptions_save(by=wessex_lead, rows=[row(status="sustained")])
    assert (summary.created, summary.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.status == "sustained" and Adoption.objects.count() == 1
    again = adoptions_save(by=wessex_lead, rows=[row(status="sustained")])
    assert (again.unchanged, again.saved) == (1, False)


def test_the_same_adoption_twice_in_a_batch_names_the_second_row(wessex_lead, wessex_trust, entry):
    summary = adoptions_save(by=wessex_lead, rows=[row(), row(status="implemented")])
    assert [(p.row, p.code) for p in summary.problems] == [(2, "duplicate")]
    assert "row 1" in summary.problems[0].message


def test_rows_name_package_or_change_not_both(wessex_lead, wessex_trust, entry):
    ProgrammeFactory(slug="elpquic")
    summary = adoptions_save(
        by=wessex_lead,
        rows=[row(package="elpquic"), row(change="", package="nope"), row(change="")],
    )
    assert [(p.row, p.field, p.code) for p in summary.problems] == [
        (1, "package", "both"),
        (2, "package", "unknown"),
        (3, "change", "required"),
    ]


def test_a_package_row_and_sources(wessex_lead, wessex_trust):
    programme = ProgrammeFactory(slug="elpquic")
    project = ProjectFactory()
    summary = adoptions_save(
        by=wessex_lead,
        rows=[
            row(change="", package="elpquic", source="programme", source_programme="elpquic"),
            row(change="", package="elpquic", organisation="RWX", source="project"),
        ],
    )
    assert [(p.row, p.field, p.code) for p in summary.problems] == [
        (2, "source_project", "required")
    ]
    summary = adoptions_save(
        by=wessex_lead,
        rows=[
            row(
                change="",
                package="elpquic",
                source="A project",
                source_project=str(project.pk),
                source_note="Their falls team",
            )
        ],
    )
    adoption = Adoption.objects.get()
    assert summary.created == 1
    assert (adoption.package_of, adoption.source_project, adoption.source_note) == (
        programme,
        project,
        "Their falls team",
    )


def test_an_organisation_by_id_and_a_uk_date(wessex_lead, wessex_trust, entry):
    adoptions_save(
        by=wessex_lead, rows=[row(organisation=str(wessex_trust.pk), adopted_on="9/1/2017")]
    )
    assert Adoption.objects.get().adopted_on == date(2017, 1, 9)


def test_future_dates_in_a_batch(wessex_lead, wessex_trust, entry):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    summary = adoptions_save(by=wessex_lead, rows=[row(adopted_on=tomorrow)])
    assert [(p.field, p.code) for p in summary.problems] == [("adopted_on", "future")]
    assert adoptions_save(by=wessex_lead, rows=[row(adopted_on=tomorrow, status="Planned")]).saved


def test_a_national_viewer_may_not_save_a_batch(national_viewer, wessex_trust, entry):
    with pytest.raises(PermissionDenied):
        adoptions_save(by=national_viewer, rows=[row()])
    assert not Adoption.objects.exists()


def test_a_programme_lead_records_entries_of_their_package_anywhere(oxford_lead, wessex_trust):
    from learning.models import PackageItem

    programme = ProgrammeFactory(leads=[oxford_lead])
    packaged = ChangeEntryFactory(slug="in-package")
    ChangeEntryFactory(slug="not-in-package")
    PackageItem.objects.create(programme=programme, entry=packaged)
    summary = adoptions_save(
        by=oxford_lead, rows=[row(change="in-package"), row(change="not-in-package")], partial=True
    )
    assert summary.created == 1
    assert [(p.row, p.code) for p in summary.problems] == [(2, "forbidden")]


def test_a_batch_looks_up_in_a_fixed_number_of_queries(
    wessex_lead, entry, django_assert_max_num_queries
):
    for n in range(30):
        OrganisationFactory(
            ods_code=f"RQ{n:03d}", region=region("wessex"), type=OrganisationType.CARE_HOME
        )
    rows = [row(organisation=f"RQ{n:03d}") for n in range(30)]
    with django_assert_max_num_queries(12):
        summary = adoptions_save(by=wessex_lead, rows=rows, dry_run=True)
    assert summary.created == 30
