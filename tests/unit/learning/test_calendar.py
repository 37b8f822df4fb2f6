from datetime import date

from learning.calendar import ActionPeriod, action_periods, period_on


def test_one_action_period_between_two_sessions():
    periods = action_periods([date(2016, 6, 15), date(2016, 9, 20)])
    assert periods == [
        ActionPeriod(1, "Action period 1", date(2016, 6, 16), date(2016, 9, 19)),
    ]


def test_three_sessions_give_two_periods_named_in_order_whatever_the_input_order():
    periods = action_periods([date(2017, 1, 10), date(2016, 6, 15), date(2016, 9, 20)])
    assert [(p.name, p.starts, p.ends) for p in periods] == [
        ("Action period 1", date(2016, 6, 16), date(2016, 9, 19)),
        ("Action period 2", date(2016, 9, 21), date(2017, 1, 9)),
    ]


def test_the_last_period_runs_to_the_programmes_end():
    periods = action_periods([date(2016, 6, 15), date(2016, 9, 20)], end=date(2017, 3, 31))
    assert [(p.number, p.starts, p.ends) for p in periods] == [
        (1, date(2016, 6, 16), date(2016, 9, 19)),
        (2, date(2016, 9, 21), date(2017, 3, 31)),
    ]


def test_an_end_on_or_before_the_last_session_adds_no_period():
    assert action_periods([date(2016, 6, 15)], end=date(2016, 6, 15)) == []
    assert len(action_periods([date(2016, 6, 15), date(2016, 7, 1)], end=date(2016, 6, 20))) == 1


def test_no_sessions_no_periods_even_with_an_end():
    assert action_periods([], end=date(2017, 3, 31)) == []


def test_a_single_session_and_no_end_has_no_period():
    assert action_periods([date(2016, 6, 15)]) == []


def test_sessions_on_the_same_or_consecutive_days_leave_no_gap_and_numbering_skips_nothing():
    periods = action_periods(
        [date(2016, 6, 15), date(2016, 6, 15), date(2016, 6, 16), date(2016, 9, 1)]
    )
    assert [(p.number, p.starts, p.ends) for p in periods] == [
        (1, date(2016, 6, 17), date(2016, 8, 31))
    ]


def test_period_on_finds_the_period_a_day_falls_in():
    periods = action_periods([date(2016, 6, 15), date(2016, 9, 20), date(2017, 1, 10)])
    assert period_on(periods, date(2016, 10, 1)).name == "Action period 2"
    assert period_on(periods, date(2016, 9, 20)) is None
