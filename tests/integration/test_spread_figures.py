"""The spread of what works joins the national figures: changes published in the catalogue,
organisations adopting (each once a period, by type), programmes active and member teams, per
financial year and quarter, for England and each region; kept fresh by the same pending marks
as the rest (reporting/rollups/spread_triggers.py)."""

from datetime import date

import pytest
from django.utils import timezone

from core.fiscal import financial_year, quarter_bounds
from learning.models import ADOPTING_STATUSES, Adoption, ChangeEntry, Programme, ProgrammeMember
from reporting.models import PendingRollup, RollupFigure
from reporting.rollups.arithmetic import overlaps
from reporting.rollups.pending import forget_marks_seen
from reporting.rollups.read import figures
from reporting.rollups.service import rollup_full, rollup_incremental
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    region,
)

YEAR = "2016-17"
REGIONS = ("wessex", "oxford")


def snapshot() -> set[tuple]:
    return set(
        RollupFigure.objects.values_list("scope", "financial_year", "quarter", "metric", "value")
    )


def clear_marks() -> None:
    """No marks, and none remembered as made in this test's transaction."""
    PendingRollup.objects.all().delete()
    forget_marks_seen()


def marks() -> set[tuple[str, str]]:
    return set(PendingRollup.objects.values_list("scope", "financial_year"))


@pytest.fixture
def spread(db):
    """Organisations of both regions adopting changes in Q2 and Q3 2016/17: one adopts two
    changes in the same quarter, one adopts in both quarters, one only plans, one abandoned."""
    wessex_change = ChangeEntryFactory(published_on=date(2016, 5, 1))
    programme = ProgrammeFactory(lead_regions=["wessex", "oxford"], start_date=date(2016, 4, 1))
    programme_change = ChangeEntryFactory(
        owner_region=None, owner_programme=programme, published_on=date(2016, 10, 3)
    )
    ChangeEntryFactory(status="draft", published_on=None)
    acute = OrganisationFactory(type="acute_trust", region=region("wessex"))
    home = OrganisationFactory(type="care_home", region=region("wessex"))
    oxford_acute = OrganisationFactory(type="acute_trust", region=region("oxford"))
    planning = OrganisationFactory(type="acute_trust", region=region("oxford"))
    AdoptionFactory(organisation=acute, entry=wessex_change, adopted_on=date(2016, 7, 4))
    AdoptionFactory(organisation=acute, entry=programme_change, adopted_on=date(2016, 8, 1))
    AdoptionFactory(organisation=home, entry=wessex_change, adopted_on=date(2016, 11, 9))
    AdoptionFactory(
        organisation=oxford_acute, entry=None, package_of=programme, adopted_on=date(2016, 9, 30)
    )
    AdoptionFactory(
        organisation=oxford_acute,
        entry=programme_change,
        adopted_on=date(2016, 12, 1),
        status="sustained",
    )
    AdoptionFactory(organisation=planning, entry=wessex_change, status="planned")
    AdoptionFactory(
        organisation=planning,
        entry=programme_change,
        status="abandoned",
        adopted_on=date(2016, 10, 10),
    )
    for slug in REGIONS:
        ProgrammeMemberFactory(
            programme=programme,
            project=ProjectFactory(lead_region=region(slug)),
            joined_on=date(2016, 4, 1),
        )
    ProgrammeMemberFactory(
        programme=programme,
        project=ProjectFactory(lead_region=region("wessex")),
        joined_on=date(2016, 10, 1),
        left_on=date(2016, 12, 1),
    )
    rollup_full()
    return programme


def expected_adopting(scope: str, quarter: int, *, at_end: bool = False, kind: str = "") -> int:
    """Distinct organisations, counted from the rows as the figure's description says."""
    first, last = quarter_bounds(YEAR, quarter)
    return len(
        {
            a.organisation_id
            for a in Adoption.objects.select_related("organisation__region")
            if a.status in ADOPTING_STATUSES
            and (a.adopted_on <= last if at_end else first <= a.adopted_on <= last)
            and scope in ("national", a.organisation.region.slug)
            and (not kind or a.organisation.type == kind)
        }
    )


def expected_members(scope: str, quarter: int) -> int:
    first, last = quarter_bounds(YEAR, quarter)
    return len(
        {
            m.project_id
            for m in ProgrammeMember.objects.select_related("project__lead_region", "programme")
            if overlaps(first, last, m.joined_on, m.left_on)
            and overlaps(first, last, m.programme.start_date, m.programme.end_date)
            and m.programme.status != "planned"
            and scope in ("national", m.project.lead_region.slug)
        }
    )


@pytest.mark.parametrize("scope", ["national", *REGIONS])
@pytest.mark.parametrize("quarter", [0, 1, 2, 3, 4])
def test_organisations_adopting_are_counted_once_a_period_in_their_region(spread, scope, quarter):
    document = figures(scope, YEAR, quarter)
    for name, at_end in (
        ("organisations_adopting", False),
        ("organisations_adopting_at_end", True),
    ):
        assert document[name]["total"] == expected_adopting(scope, quarter, at_end=at_end)
        for kind in ("acute_trust", "care_home"):
            assert document[name]["by_type"].get(kind, 0) == expected_adopting(
                scope, quarter, at_end=at_end, kind=kind
            )
    assert document["member_teams"] == expected_members(scope, quarter)


def test_the_counts_by_hand(spread):
    """The same figures written out: the acute trust adopting two changes in Q2 counts once."""
    q2, q3 = figures("national", YEAR, 2), figures("national", YEAR, 3)
    assert q2["organisations_adopting"] == {
        "total": 2,
        "by_type": {"acute_trust": 2},
    }
    assert q3["organisations_adopting"] == {
        "total": 2,
        "by_type": {"acute_trust": 1, "care_home": 1},
    }
    year = figures("national", YEAR)
    assert year["organisations_adopting"]["total"] == 3  # not 4: Oxford's trust once a year
    assert year["organisations_adopting_at_end"]["total"] == 3
    assert figures("wessex", YEAR, 2)["organisations_adopting"]["total"] == 1
    assert figures("oxford", YEAR, 3)["organisations_adopting"]["total"] == 1


def test_changes_count_where_their_owner_is_and_once_in_england(spread):
    national, wessex, oxford = (figures(s, YEAR) for s in ("national", *REGIONS))
    assert national["changes_published"] == 2  # the draft does not count
    assert (wessex["changes_published"], oxford["changes_published"]) == (2, 1)
    assert figures("national", YEAR, 1)["changes_published"] == 1
    assert figures("national", YEAR, 1)["changes_in_catalogue"] == 1
    assert figures("national", YEAR, 3)["changes_in_catalogue"] == 2
    assert figures("oxford", YEAR, 2)["changes_in_catalogue"] == 0


def test_programmes_count_in_each_lead_region_once_in_england_and_national_ones_nationally(
    spread,
):
    ProgrammeFactory(is_national=True, start_date=date(2016, 7, 1), end_date=None)
    ProgrammeFactory(lead_regions=["oxford"], status="planned")
    rollup_full()
    assert figures("national", YEAR)["programmes_active"] == 2
    assert figures("national", YEAR, 1)["programmes_active"] == 1
    assert figures("wessex", YEAR)["programmes_active"] == 1
    assert figures("oxford", YEAR)["programmes_active"] == 1
    assert figures("national", "2017-18")["programmes_active"] == 1  # the open-ended one


def test_member_teams_in_the_period(spread):
    assert figures("national", YEAR, 1)["member_teams"] == 2
    assert figures("national", YEAR, 3)["member_teams"] == 3  # the team that left in December
    assert figures("wessex", YEAR, 4)["member_teams"] == 1
    assert figures("national", YEAR)["member_teams"] == 3
    # Still members (no date they left), but their programme ended in March 2017.
    assert figures("national", "2017-18")["member_teams"] == 0


def test_a_programmes_dates_move_its_teams(spread):
    ProgrammeMemberFactory(
        programme=spread,
        project=ProjectFactory(lead_region=region("south-west")),
        joined_on=date(2016, 6, 1),
    )
    rollup_incremental()
    clear_marks()
    spread.end_date = date(2018, 3, 31)
    spread.save()
    # Not a lead region, but a team's: its figures move with the programme's dates.
    assert {("south-west", YEAR), ("south-west", "2017-18"), ("oxford", YEAR)} <= marks()
    rollup_incremental()
    assert figures("national", "2017-18")["member_teams"] == 3
    assert figures("south-west", "2017-18")["member_teams"] == 1
    assert figures("oxford", "2017-18")["member_teams"] == 1
    spread.status = "planned"
    spread.save()
    rollup_incremental()
    assert figures("national", YEAR)["member_teams"] == 0


# The incremental marks --------------------------------------------------------------------


def test_saving_an_adoption_marks_its_region_and_years_and_the_run_updates_the_figure(spread):
    clear_marks()
    this_year = financial_year(timezone.localdate())
    organisation = OrganisationFactory(type="care_home", region=region("oxford"))
    adoption = AdoptionFactory(
        organisation=organisation, entry=ChangeEntry.objects.first(), adopted_on=date(2016, 5, 2)
    )
    assert ("oxford", YEAR) in marks() and ("oxford", this_year) in marks()
    assert {scope for scope, _ in marks()} == {"oxford"}
    before = figures("national", YEAR, 1)["organisations_adopting"]["total"]
    rollup_incremental()
    assert not PendingRollup.objects.exists()
    assert figures("national", YEAR, 1)["organisations_adopting"]["total"] == before + 1
    assert figures("oxford", YEAR, 1)["organisations_adopting"]["by_type"] == {"care_home": 1}
    adoption.status = "abandoned"
    adoption.save()
    assert ("oxford", YEAR) in marks()
    rollup_incremental()
    assert figures("national", YEAR, 1)["organisations_adopting"]["total"] == before
    adoption.delete()
    assert ("oxford", YEAR) in marks()


def test_moving_a_record_marks_where_it_was_and_where_it_goes(spread):
    clear_marks()
    member = ProgrammeMember.objects.filter(project__lead_region__slug="oxford").get()
    member.joined_on = date(2017, 5, 1)
    member.save()
    assert {("oxford", YEAR), ("oxford", "2017-18")} <= marks()
    clear_marks()
    entry = ChangeEntry.objects.get(owner_region__slug="wessex", status="published")
    entry.owner_region = region("oxford")
    entry.save()
    assert {("wessex", YEAR), ("oxford", YEAR), ("national", YEAR)} <= marks()


def test_a_programmes_lead_regions_mark_its_figures_and_its_entries(spread):
    clear_marks()
    spread.lead_regions.remove(region("oxford"))
    spread.lead_regions.add(region("south-west"))
    assert {("oxford", YEAR), ("south-west", YEAR), ("wessex", YEAR)} <= marks()
    rollup_incremental()
    assert figures("oxford", YEAR)["programmes_active"] == 0
    assert figures("oxford", YEAR)["changes_published"] == 0
    assert figures("south-west", YEAR)["changes_published"] == 1
    clear_marks()
    spread.is_national = True
    spread.save()
    assert {("wessex", YEAR), ("south-west", YEAR), ("national", YEAR)} <= marks()
    rollup_incremental()
    assert figures("wessex", YEAR)["programmes_active"] == 0
    assert figures("national", YEAR)["programmes_active"] == 1


def test_incremental_after_learning_edits_equals_a_full_rebuild(spread):
    programme = Programme.objects.get()
    rollup_incremental()
    edits = [
        lambda: AdoptionFactory(
            organisation=OrganisationFactory(type="primary_care", region=region("south-west")),
            entry=ChangeEntry.objects.filter(status="published").first(),
            adopted_on=date(2017, 2, 1),
        ),
        lambda: Adoption.objects.filter(status="sustained").update(status="testing"),
        lambda: [a.delete() for a in Adoption.objects.filter(organisation__type="care_home")],
        lambda: ProgrammeMemberFactory(
            programme=programme,
            project=ProjectFactory(lead_region=region("south-west")),
            joined_on=date(2017, 1, 5),
        ),
        lambda: ChangeEntryFactory(owner_region=region("oxford"), published_on=date(2016, 6, 6)),
        lambda: programme.lead_regions.remove(region("wessex")),
    ]
    for edit in edits:
        edit()
        rollup_incremental()
    # .update() skips the signals, as it skips them for every figure: only the full rebuild
    # sees that one, so compare after re-saving the rows it touched.
    for adoption in Adoption.objects.filter(status="testing"):
        adoption.save()
    rollup_incremental()
    incremental = snapshot()
    rollup_full()
    assert incremental == snapshot()
