"""The programme after its published years: how much each later financial year does, to the
day the seed runs. The years before keep their own fixed plans (2016/17 is the brochure's).

Pure: no Django.
"""

from datetime import date, timedelta

from core.fiscal import financial_year_start, quarter_bounds, year_named

FIRST_LATER_YEAR = 2019
# Each later year's work against 2018/19's: steady, then the pandemic year, then recovery.
PACE = {2019: 1.0, 2020: 0.55, 2021: 0.8, 2022: 0.95}
STEADY_PACE = 0.9
ENGAGEMENT_PACE = 0.45  # fewer organisations are new to the programme each year
PROJECTS_A_YEAR = 50  # at the steady pace
PATIENT_SHARE = 0.8  # of the base year's patients: sessions have seats enough


def later_years(today: date) -> list[int]:
    """The years after the fixed ones, to the one `today` is in."""
    return list(range(FIRST_LATER_YEAR, financial_year_start(today) + 1))


def last_day(year: int, today: date) -> date:
    """The year's last day, or `today` in the year under way."""
    return min(date(year + 1, 3, 31), today)


def share_elapsed(year: int, today: date) -> float:
    """How much of the year has gone by `today`: 1 for a year that has ended."""
    days = (last_day(year, today) - date(year, 4, 1)).days + 1
    return max(0.0, min(1.0, days / 365))


def pace(year: int, today: date) -> float:
    return PACE.get(year, STEADY_PACE) * share_elapsed(year, today)


def scaled(plan, factor: float):
    """The plan's numbers (nested dicts of whole numbers) times `factor`, rounded."""
    if isinstance(plan, dict):
        return {key: scaled(value, factor) for key, value in plan.items()}
    return round(plan * factor)


def activity_plan(base: dict, year: int, today: date) -> dict:
    """A later year's activity, from the base year's: training, champions and assessments at
    the year's pace, organisations newly engaged at a slower one."""
    factor = pace(year, today)
    plan = scaled(base, factor)
    plan["organisations"] = scaled(base["organisations"], factor * ENGAGEMENT_PACE)
    plan["patients"] = round(base["patients"] * factor * PATIENT_SHARE)
    plan["training"]["qi_capability"] = sum(plan["qi_levels"].values())
    return plan


def projects_started(year: int, today: date) -> int:
    return max(1, round(PROJECTS_A_YEAR * pace(year, today)))


def open_quarters(year: int, today: date) -> list[tuple[date, date]]:
    """The year's quarters begun by `today`, each to its end or to `today`."""
    name = year_named(year)
    return [
        (first, min(last, today))
        for first, last in (quarter_bounds(name, quarter) for quarter in (1, 2, 3, 4))
        if first <= today
    ]


def weeks_back(today: date, weeks: int) -> date:
    """The Monday `weeks` whole weeks before the week `today` is in."""
    return today - timedelta(days=today.weekday(), weeks=weeks)
