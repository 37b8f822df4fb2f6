"""Which signals are news, and how to tell them in words that cannot contradict themselves.

Pure: no Django. A message is built from the signal alone (its rule, the side or direction of
its own points, the measure's improvement direction and the point's period), never from the
chart's overall reading, which may say something else ("Not enough data yet").
"""

from datetime import date

from measurement import spc
from measurement.periods import MONTHLY, WEEKLY, period_start, shift
from measurement.readings import SignalRun
from measurement.spc.types import OUTSIDE_LIMITS, SHIFT, TREND, TWO_OF_THREE

# How many periods, counted back from the current one, hold news. Weekly: this week and the 7
# before, the "last 8 weeks". Monthly: this month and the 2 before, since a month's value is
# entered after it ends, so the two latest complete months (about 8 weeks, as for weekly).
# Anything older is history: back-filling it tells no one. Future periods are refused at
# entry, so the series' last 8 weeks can be no later than these.
RECENT_PERIODS = {WEEKLY: 8, MONTHLY: 3}


def news_from(today: date, frequency: str) -> date:
    """The first period whose points are news today (events are dated days: weekly)."""
    frequency = frequency if frequency in RECENT_PERIODS else WEEKLY
    return shift(period_start(today, frequency), frequency, 1 - RECENT_PERIODS[frequency])


def is_news(run: SignalRun, today: date, frequency: str) -> bool:
    """A signal is news if it involves a point of the last 8 weeks (2 complete months)."""
    return run.last_period >= news_from(today, frequency)


SIDE_RULES = {
    OUTSIDE_LIMITS: ("above the upper limit", "below the lower limit"),
    TWO_OF_THREE: ("near the upper limit", "near the lower limit"),
}
DIRECTION_RULES = {SHIFT: "a shift", TREND: "a trend"}


def run_direction(run: SignalRun, analysis: spc.Analysis) -> int:
    """1 if the run's points are high (or rising, for a trend), -1 if low (or falling)."""
    points = [
        p
        for p in analysis.points
        if run.first_period <= p.period <= run.last_period and run.rule in p.signals
    ]
    if not points:
        return 0
    if run.rule == TREND and len(points) > 1:
        return 1 if points[-1].value > points[0].value else -1
    first = points[0]
    return 1 if first.centre is None or first.value >= first.centre else -1


def kind_in_words(direction: int, improvement: str) -> str:
    """The variation the signal itself shows, given which way is better."""
    better = {"increase": 1, "decrease": -1}.get(improvement)
    if better is None or direction == 0:
        return "special cause variation"
    return "special cause improvement" if direction == better else "special cause concern"


def what_in_words(run: SignalRun, direction: int) -> str:
    """'a shift upwards', 'a point above the upper limit', '3 points near the lower limit'."""
    if run.rule in DIRECTION_RULES:
        way = {1: " upwards", -1: " downwards"}.get(direction, "")
        return f"{DIRECTION_RULES[run.rule]}{way}"
    high, low = SIDE_RULES.get(run.rule, ("flagged", "flagged"))
    side = high if direction >= 0 else low
    if run.rule == TWO_OF_THREE:
        return f"two of three points {side}"
    return f"a point {side}" if run.points == 1 else f"{run.points} points {side}"


def period_in_words(period: date, frequency: str, events: bool = False) -> str:
    """'the week of 2 March 2026', 'March 2026', or an event's day, '6 March 2026'."""
    if events:
        return f"{period:%-d %B %Y}"
    if frequency == MONTHLY:
        return f"{period:%B %Y}"
    return f"the week of {period:%-d %B %Y}"


def signal_in_words(
    run: SignalRun, analysis: spc.Analysis, frequency: str, events: bool = False
) -> str:
    """'a shift upwards (special cause improvement), 7 points from the week of 2 March 2026'."""
    direction = run_direction(run, analysis)
    what = what_in_words(run, direction)
    kind = kind_in_words(direction, analysis.settings.improvement)
    when = period_in_words(run.first_period, frequency, events)
    if run.points == 1:
        return f"{what} ({kind}) in {when}" if not events else f"{what} ({kind}) on {when}"
    counted = "" if run.rule == OUTSIDE_LIMITS else f", {run.points} points"
    return f"{what} ({kind}){counted} from {when}"


def signal_message(
    measure_name: str,
    run: SignalRun,
    analysis: spc.Analysis,
    frequency: str,
    events: bool = False,
) -> str:
    """The notification: the measure's name, then the signal in words."""
    return f"{measure_name}: {signal_in_words(run, analysis, frequency, events)}"
