"""The spread arithmetic and its sentence: plain functions, no database."""

from datetime import date

from learning.spread import (
    ADOPTING,
    AdoptionFact,
    Breakdown,
    Step,
    breakdown,
    count_before,
    count_on,
    cumulative,
    first_adoptions,
    noun,
    spread_sentence,
)


def fact(org, on, *, status="implemented", type="acute_trust", region="Wessex", name=None):
    return AdoptionFact(org, name or f"Trust {org}", type, region, on, status)


START, END = date(2016, 4, 1), date(2017, 3, 31)


def test_the_statuses_that_count_are_the_models():
    from learning.models import ADOPTING_STATUSES

    assert frozenset(str(s) for s in ADOPTING_STATUSES) == ADOPTING


def test_cumulative_steps_where_the_count_rises():
    facts = [
        fact(1, date(2016, 1, 5)),
        fact(2, date(2016, 6, 1)),
        fact(3, date(2016, 6, 1)),
        fact(4, date(2016, 9, 1)),
    ]
    assert cumulative(facts) == [
        Step(date(2016, 1, 5), 1, ("Trust 1",)),
        Step(date(2016, 6, 1), 3, ("Trust 2", "Trust 3")),
        Step(date(2016, 9, 1), 4, ("Trust 4",)),
    ]


def test_plans_and_abandoned_adoptions_do_not_count():
    facts = [
        fact(1, date(2016, 1, 5), status="planned"),
        fact(2, date(2016, 2, 5), status="abandoned"),
        fact(3, date(2016, 3, 5), status="testing"),
        fact(4, date(2016, 3, 6), status="sustained"),
    ]
    assert [s.count for s in cumulative(facts)] == [1, 2]


def test_an_organisation_with_several_adoptions_counts_once_from_the_earliest():
    facts = [
        fact(1, date(2016, 9, 1)),  # the package
        fact(1, date(2016, 5, 1)),  # one of its entries, earlier
        fact(1, date(2016, 1, 1), status="planned"),  # a plan is not adoption
    ]
    assert first_adoptions(facts)[1].adopted_on == date(2016, 5, 1)
    assert cumulative(facts) == [Step(date(2016, 5, 1), 1, ("Trust 1",))]


def test_counts_before_and_on_a_day():
    facts = [fact(1, date(2016, 3, 31)), fact(2, date(2016, 4, 1)), fact(3, date(2017, 4, 1))]
    assert count_before(facts, START) == 1
    assert count_on(facts, START) == 2
    assert count_on(facts, END) == 2


def test_from_4_to_28_hospitals():
    facts = [fact(n, date(2015, 10, n + 1)) for n in range(4)]
    facts += [fact(10 + n, date(2016, 5, n + 1)) for n in range(24)]
    facts.append(fact(99, date(2017, 6, 1)))  # after the end: not counted
    assert spread_sentence(facts, start=START, end=END) == "From 4 to 28 hospitals"


def test_one_hospital_is_singular():
    assert spread_sentence([fact(1, date(2016, 5, 1))], start=START, end=END) == (
        "From 0 to 1 hospital"
    )


def test_mixed_types_are_organisations():
    facts = [fact(1, date(2016, 5, 1)), fact(2, date(2016, 6, 1), type="ambulance_trust")]
    assert spread_sentence(facts, start=START, end=END) == "From 0 to 2 organisations"


def test_the_noun_follows_the_type():
    assert noun(["primary_care", "primary_care"], 2) == "GP practices"
    assert noun(["care_home"], 1) == "care home"
    assert noun(["university"], 3) == "organisations"
    assert noun([], 0) == "organisations"


def test_no_adoptions_and_no_change_are_said_plainly():
    assert spread_sentence([], start=START, end=END) == "No organisations adopting yet"
    facts = [fact(1, date(2015, 5, 1)), fact(2, date(2015, 6, 1))]
    assert spread_sentence(facts, start=START, end=END) == "Still 2 hospitals: none added"


def test_breakdown_by_region_before_and_after():
    facts = [
        fact(1, date(2015, 5, 1), region="Wessex"),
        fact(2, date(2016, 5, 1), region="Wessex"),
        fact(3, date(2016, 6, 1), region="Kent Surrey Sussex"),
        fact(4, date(2016, 6, 1), region="Oxford", status="planned"),
    ]
    assert breakdown(facts, "region", start=START, end=END) == [
        Breakdown("Wessex", 1, 2),
        Breakdown("Kent Surrey Sussex", 0, 1),
    ]


def test_breakdown_by_type_uses_the_labels():
    facts = [fact(1, date(2016, 5, 1)), fact(2, date(2016, 6, 1), type="care_home")]
    rows = breakdown(
        facts,
        "type",
        start=START,
        end=END,
        labels={"acute_trust": "Acute trust", "care_home": "Care home"},
    )
    assert rows == [Breakdown("Acute trust", 0, 1), Breakdown("Care home", 0, 1)]
