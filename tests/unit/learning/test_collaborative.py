"""The collaborative's figures from its teams': pooled ratios, medians, progress scores by month,
change-package status and session figures (plain functions, no database)."""

from datetime import date
from decimal import Decimal

import pytest

from learning import collaborative as c
from measurement.spc import Observation

W1, W2, W3, W4 = date(2016, 7, 4), date(2016, 7, 11), date(2016, 7, 18), date(2016, 7, 25)


def ratio(period, numerator, denominator):
    return Observation(period, None, numerator, denominator)


def test_pooled_ratio_divides_the_sum_of_numerators_by_the_sum_of_denominators():
    teams = [
        c.TeamSeries("A", (ratio(W1, 9, 10), ratio(W2, 5, 10))),
        c.TeamSeries("B", (ratio(W1, 10, 90), ratio(W2, 45, 90))),
    ]
    points = c.collaborative_series("proportion", teams)
    assert [p.period for p in points] == [W1, W2]
    assert points[0].value == pytest.approx(19 / 100)  # not the mean of 0.9 and 0.111
    assert (points[0].numerator, points[0].denominator, points[0].teams) == (19, 100, 2)
    assert points[1].value == pytest.approx(50 / 100)


def test_rates_pool_the_same_way():
    teams = [
        c.TeamSeries("A", (ratio(W1, 3, 1000),)),
        c.TeamSeries("B", (ratio(W1, 1, 500),)),
    ]
    [point] = c.collaborative_series("rate", teams)
    assert point.value == pytest.approx(4 / 1500)


def test_a_period_only_some_teams_reported_pools_those_teams_and_says_how_many():
    teams = [
        c.TeamSeries("A", (ratio(W1, 1, 4), ratio(W3, 2, 4))),
        c.TeamSeries("B", (ratio(W1, 3, 4),)),
    ]
    points = c.collaborative_series("proportion", teams)
    assert [(p.period, p.teams) for p in points] == [(W1, 2), (W3, 1)]  # no W2: a gap, not a 0
    assert points[1].value == pytest.approx(0.5)


def test_a_team_joining_late_counts_from_its_first_period():
    early = c.TeamSeries("Early", (ratio(W1, 2, 10), ratio(W2, 2, 10), ratio(W3, 2, 10)))
    late = c.TeamSeries("Late", (ratio(W3, 8, 10),))
    points = c.collaborative_series("proportion", [early, late])
    assert [p.teams for p in points] == [1, 1, 2]
    assert [round(p.value, 3) for p in points] == [0.2, 0.2, 0.5]


def test_a_team_that_left_stops_counting_after_it_left():
    leaver = c.TeamSeries("Gone", (ratio(W1, 10, 10), ratio(W2, 10, 10)), until=W1)
    stayer = c.TeamSeries("Here", (ratio(W1, 0, 10), ratio(W2, 0, 10)))
    points = c.collaborative_series("proportion", [leaver, stayer])
    assert [p.value for p in points] == [0.5, 0.0]


def test_other_data_takes_the_median_of_the_teams():
    teams = [
        c.TeamSeries("A", (Observation(W1, 1.0), Observation(W2, 4.0))),
        c.TeamSeries("B", (Observation(W1, 3.0), Observation(W2, 6.0))),
        c.TeamSeries("C", (Observation(W1, 100.0),)),
    ]
    points = c.collaborative_series("count", teams)
    assert [(p.value, p.teams) for p in points] == [(3.0, 3), (5.0, 2)]
    assert points[0].numerator is None


def test_rare_events_have_no_collaborative_series():
    assert c.collaborative_series("events", [c.TeamSeries("A", ())]) == []


def test_a_ratio_without_a_denominator_is_left_out():
    teams = [c.TeamSeries("A", (ratio(W1, None, None), ratio(W2, 1, 2)))]
    assert [p.period for p in c.pooled_ratio(teams)] == [W2]
    assert c.team_value(ratio(W1, 1, 4), "proportion") == 0.25
    assert c.team_value(Observation(W1, 7.0), "continuous") == 7.0


def test_the_pooled_series_is_analysed_as_a_p_chart_of_its_counts():
    points = c.pooled_ratio([c.TeamSeries("A", (ratio(W1, 1, 4),))])
    assert c.as_observations(points, "proportion") == [Observation(W1, None, 1, 4)]
    assert c.spc_chart("proportion") == ("p", "mdc")
    assert c.spc_chart("rate") == ("u", "mdc")
    assert c.spc_chart("continuous") == ("run", "anhoej")


# Progress scores -------------------------------------------------------------------------------


def test_months_between_runs_from_the_first_month_to_the_last():
    assert c.months_between(date(2016, 11, 15), date(2017, 2, 1)) == [
        date(2016, 11, 1),
        date(2016, 12, 1),
        date(2017, 1, 1),
        date(2017, 2, 1),
    ]
    assert c.month_end(date(2016, 12, 1)) == date(2016, 12, 31)
    assert c.month_end(date(2016, 2, 1)) == date(2016, 2, 29)


def test_each_team_counts_at_its_latest_score_by_the_months_end():
    members = [c.Membership("A", date(2016, 4, 1)), c.Membership("B", date(2016, 4, 1))]
    scores = {
        "A": [(date(2016, 4, 10), Decimal("1.0")), (date(2016, 5, 31), Decimal("2.5"))],
        "B": [(date(2016, 6, 1), Decimal("2.0"))],
    }
    april, may, june = c.progress_by_month(members, scores, date(2016, 4, 1), date(2016, 6, 30))
    assert april.counts[Decimal("1.0")] == 1 and april.unscored == 1
    assert may.counts[Decimal("2.5")] == 1 and may.counts[Decimal("1.0")] == 0
    assert may.unscored == 1
    assert june.counts[Decimal("2.5")] == 1 and june.counts[Decimal("2.0")] == 1
    assert june.unscored == 0 and june.teams == 2
    assert june.mean == pytest.approx(2.25)
    assert april.mean == pytest.approx(1.0)
    assert list(june.counts) == list(c.SCORES) and len(c.SCORES) == 10


def test_teams_count_only_in_the_months_they_were_members():
    members = [
        c.Membership("Early", date(2016, 4, 1), left_on=date(2016, 4, 20)),
        c.Membership("Late", date(2016, 5, 15)),
    ]
    scores = {"Early": [(date(2016, 4, 2), Decimal("3.0"))]}
    april, may = c.progress_by_month(members, scores, date(2016, 4, 1), date(2016, 5, 31))
    assert (april.teams, april.unscored) == (1, 0)
    assert (may.teams, may.unscored) == (1, 1)
    assert may.mean is None


# The change package ------------------------------------------------------------------------------


def cycle(status="complete", decision="", start=W1, end=None, order=0):
    return c.Cycle(status, decision, start, end, order)


def test_change_status_follows_the_latest_completed_cycles_decision():
    assert c.idea_status([]) == c.NOT_STARTED
    assert c.idea_status([cycle(status="doing")]) == c.TESTING
    assert c.idea_status([cycle(decision="adapt", end=W2)]) == c.TESTING
    adopted_after_adapting = [cycle(decision="adapt", end=W2), cycle(decision="adopt", end=W3)]
    assert c.idea_status(adopted_after_adapting) == c.IMPLEMENTED
    abandoned_last = [cycle(decision="adopt", end=W2), cycle(decision="abandon", end=W4)]
    assert c.idea_status(abandoned_last) == c.ABANDONED
    # An open cycle after an adoption does not undo it: only completed cycles decide.
    assert c.idea_status([cycle(decision="adopt", end=W2), cycle("doing", start=W3)]) == (
        c.IMPLEMENTED
    )


def test_a_team_with_several_ideas_for_a_change_shows_the_furthest_along():
    abandoned = [cycle(decision="abandon", end=W2)]
    testing = [cycle(status="doing")]
    assert c.team_status([abandoned, testing]) == c.TESTING
    assert c.team_status([abandoned, [], [cycle(decision="adopt", end=W2)]]) == c.IMPLEMENTED
    assert c.team_status([]) == c.NOT_STARTED
    assert c.team_status([[]]) == c.NOT_STARTED


# Learning sessions -------------------------------------------------------------------------------


def test_session_figures_count_member_teams_people_feedback_and_contribution():
    rows = [
        c.Attendance("A", None),
        c.Attendance("A", "ann", feedback_score=8, contributed=True),
        c.Attendance("B", "bob", feedback_score=6, contributed=False),
        c.Attendance(None, "cat", contributed=True),
        c.Attendance("Visitor", None),  # not a member team
    ]
    figures = c.session_figures(rows, {"A", "B", "C"})
    assert (figures.teams, figures.members, figures.people) == (2, 3, 3)
    assert figures.feedback_mean == 7 and figures.feedback_count == 2
    assert figures.contributed_share == pytest.approx(2 / 3)
    empty = c.session_figures([], {"A"})
    assert empty.feedback_mean is None and empty.contributed_share is None
