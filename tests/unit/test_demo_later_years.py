"""The demo's later years: every year from 2019/20 to the seed's, the year under way only as
far as it has gone, and the same plan for the same day."""

import random
from datetime import date

from demo import current_series, later_years


def test_the_later_years_run_to_the_one_the_day_is_in():
    assert later_years.later_years(date(2026, 12, 4)) == list(range(2019, 2027))
    assert later_years.later_years(date(2027, 3, 31)) == list(range(2019, 2027))
    assert later_years.later_years(date(2027, 4, 1)) == list(range(2019, 2028))


def test_the_year_under_way_counts_only_the_part_gone_by():
    today = date(2026, 10, 1)  # half the year
    assert later_years.share_elapsed(2025, today) == 1
    assert 0.49 < later_years.share_elapsed(2026, today) < 0.51
    assert later_years.last_day(2026, today) == today
    assert later_years.last_day(2025, today) == date(2026, 3, 31)
    quarters = later_years.open_quarters(2026, today)
    assert quarters == [
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), today),
    ]


def test_a_later_years_plan_is_its_base_at_the_years_pace_with_whole_numbers_that_add_up():
    base = {
        "training": {"measurement": 2800, "qi_capability": 2300},
        "qi_levels": {"bronze": 1600, "silver": 560, "gold": 140},
        "patients": 450,
        "champions": {"q_fellow": 290},
        "organisations": {"care_home": 120},
        "culture_assessments": 160,
    }
    plan = later_years.activity_plan(base, 2020, date(2026, 12, 4))
    assert plan["training"]["measurement"] == round(2800 * later_years.PACE[2020])
    assert plan["training"]["qi_capability"] == sum(plan["qi_levels"].values())
    assert plan["organisations"]["care_home"] < plan["champions"]["q_fellow"]
    assert plan == later_years.activity_plan(base, 2020, date(2026, 12, 4))
    assert later_years.projects_started(2026, date(2026, 4, 1)) >= 1


def test_a_few_old_enough_teams_go_quiet_and_some_others_are_behind():
    rng = random.Random(2016)
    teams = list(range(40))
    quiet = current_series.quiet_ones(teams, rng)
    assert len(quiet) == 10 and set(quiet) <= set(teams)
    assert current_series.quiet_ones([], rng) == []
    assert current_series.quiet_ones([7], rng) == [7]
    states = [current_series.state(team in quiet, rng) for team in teams]
    assert states.count(current_series.QUIET) == 10
    assert 0 < states.count(current_series.BEHIND) < states.count(current_series.UP_TO_DATE)
    again = random.Random(2016)
    assert current_series.quiet_ones(teams, again) == quiet


def test_ratio_points_stay_within_their_cases():
    rng = random.Random(1)
    points = current_series.ratio_points(rng, [0.5] * 20 + [0.01] * 5, 3000)
    assert all(0 <= k <= n for k, n in points)
    assert len(points) == 25
