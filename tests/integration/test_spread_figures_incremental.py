"""The spread figures agree however they got there: after any sequence of saves and deletes of
adoptions, catalogue entries, programmes (their dates, status and lead regions) and member
teams, each followed by the incremental run their marks enqueue, the figures equal a full
rebuild's (as tests/integration/regions/test_rollups.py checks for the other figures)."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.models import Adoption, ChangeEntry, Programme, ProgrammeMember
from reporting.models import PendingRollup, RollupFigure
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

REGIONS = ["wessex", "oxford", "south-west"]
DAYS = st.dates(min_value=date(2015, 4, 1), max_value=date(2018, 3, 31))
STATUSES = st.sampled_from(["planned", "testing", "implemented", "sustained", "abandoned"])
INDEX = st.integers(0, 5)

EDIT = st.one_of(
    st.tuples(st.just("add_adoption"), st.sampled_from(REGIONS), DAYS, STATUSES, INDEX),
    st.tuples(st.just("change_adoption"), INDEX, DAYS, STATUSES),
    st.tuples(st.just("delete_adoption"), INDEX),
    st.tuples(st.just("add_entry"), st.sampled_from([*REGIONS, "programme"]), DAYS, INDEX),
    st.tuples(st.just("change_entry"), INDEX, DAYS, st.sampled_from(REGIONS), st.booleans()),
    st.tuples(
        st.just("add_programme"),
        st.sets(st.sampled_from(REGIONS), max_size=2),
        st.booleans(),
        DAYS,
        st.integers(0, 800),
    ),
    st.tuples(
        st.just("change_programme"),
        INDEX,
        DAYS,
        st.sampled_from(["planned", "active", "completed", "stopped"]),
        st.booleans(),
    ),
    st.tuples(st.just("lead_regions"), INDEX, st.sets(st.sampled_from(REGIONS), max_size=3)),
    st.tuples(st.just("add_member"), INDEX, st.sampled_from(REGIONS), DAYS, st.integers(0, 400)),
    st.tuples(st.just("change_member"), INDEX, DAYS),
    st.tuples(st.just("delete_member"), INDEX),
    st.tuples(st.just("delete_programme"), INDEX),
)


def pick(queryset, index):
    rows = list(queryset.order_by("id"))
    return rows[index % len(rows)] if rows else None


def apply(edit) -> None:
    kind = edit[0]
    if kind == "add_adoption":
        entry = pick(ChangeEntry.objects.filter(status="published"), edit[4])
        if entry:
            AdoptionFactory(
                organisation=OrganisationFactory(
                    type=["acute_trust", "care_home"][edit[4] % 2], region=region(edit[1])
                ),
                entry=entry,
                adopted_on=edit[2],
                status=edit[3],
            )
    elif kind == "change_adoption" and (adoption := pick(Adoption.objects, edit[1])):
        adoption.adopted_on, adoption.status = edit[2], edit[3]
        adoption.save()
    elif kind == "delete_adoption" and (adoption := pick(Adoption.objects, edit[1])):
        adoption.delete()
    elif kind == "add_entry":
        programme = pick(Programme.objects, edit[3]) if edit[1] == "programme" else None
        if edit[1] != "programme" or programme:
            ChangeEntryFactory(
                owner_region=None if programme else region(edit[1]),
                owner_programme=programme,
                published_on=edit[2],
            )
    elif kind == "change_entry" and (entry := pick(ChangeEntry.objects, edit[1])):
        entry.published_on = edit[2]
        if entry.owner_region_id:
            entry.owner_region = region(edit[3])
        if not edit[4] and not entry.adoptions.exists():
            entry.status = "draft"
        entry.save()
    elif kind == "add_programme":
        ProgrammeFactory(
            lead_regions=sorted(edit[1]),
            is_national=edit[2],
            start_date=edit[3],
            end_date=edit[3] + timedelta(days=edit[4]) if edit[4] else None,
        )
    elif kind == "change_programme" and (programme := pick(Programme.objects, edit[1])):
        programme.start_date, programme.status, programme.is_national = edit[2:5]
        if programme.end_date and programme.end_date < programme.start_date:
            programme.end_date = None
        programme.save()
    elif kind == "lead_regions" and (programme := pick(Programme.objects, edit[1])):
        programme.lead_regions.set([region(slug) for slug in sorted(edit[2])])
    elif kind == "add_member" and (programme := pick(Programme.objects, edit[1])):
        ProgrammeMemberFactory(
            programme=programme,
            project=ProjectFactory(lead_region=region(edit[2])),
            joined_on=edit[3],
            left_on=edit[3] + timedelta(days=edit[4]) if edit[4] else None,
        )
    elif kind == "change_member" and (member := pick(ProgrammeMember.objects, edit[1])):
        member.joined_on = edit[2]
        if member.left_on and member.left_on < member.joined_on:
            member.left_on = None
        member.save()
    elif kind == "delete_member" and (member := pick(ProgrammeMember.objects, edit[1])):
        member.delete()
    elif (
        kind == "delete_programme"
        and (programme := pick(Programme.objects, edit[1]))
        and not programme.owned_changes.exists()
        and not programme.package_adoptions.exists()
    ):
        programme.delete()


def snapshot() -> set[tuple]:
    return set(
        RollupFigure.objects.values_list("scope", "financial_year", "quarter", "metric", "value")
    )


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDIT, min_size=1, max_size=8))
def test_incremental_spread_figures_after_any_edits_equal_a_full_rebuild(db, edits):
    Adoption.objects.all().delete()
    ChangeEntry.objects.all().delete()
    ProgrammeMember.objects.all().delete()
    Programme.objects.all().delete()
    ProgrammeFactory(lead_regions=["wessex"], start_date=date(2016, 4, 1))
    ChangeEntryFactory(published_on=date(2016, 5, 1))
    rollup_full()
    for edit in edits:
        apply(edit)
        rollup_incremental()
    incremental = snapshot()
    rollup_full()
    assert incremental == snapshot()
    assert not PendingRollup.objects.exists()
