"""Making Data Count rules on p, p′, u, u′ and c charts (shared/spc/README.md, "`mdc` on
attribute charts"), worked by hand from the chart formulas: each point judged against its own
limits, the 2σ lines two thirds of the way to the upper limit and to the unclipped lower one."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from measurement.spc import MeasureSettings, Observation, analyse, default_rules, validate_settings

FIRST_MONDAY = date(2024, 1, 1)


def _ratios(pairs: list[tuple[float, float]]) -> list[Observation]:
    return [
        Observation(FIRST_MONDAY + timedelta(weeks=i), numerator=num, denominator=den)
        for i, (num, den) in enumerate(pairs)
    ]


def _counts(values: list[float]) -> list[Observation]:
    return [Observation(FIRST_MONDAY + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("chart", "data_type"),
    [("p", "proportion"), ("pp", "proportion"), ("u", "rate"), ("up", "rate"), ("c", "count")],
)
def test_mdc_rules_are_accepted_and_are_the_default_on_attribute_charts(chart, data_type):
    validate_settings(MeasureSettings(chart, "mdc", data_type))
    assert default_rules(chart) == "mdc"


def test_each_point_of_a_p_chart_is_judged_against_its_own_limit():
    # The same 30% twice: beyond the narrow limit of 400 patients, inside the wide one of 20.
    pairs = [(10, 100)] * 10 + [(6, 20), (120, 400)]
    analysis = analyse(MeasureSettings("p", "mdc", "proportion", "decrease"), _ratios(pairs))
    centre = (10 * 10 + 6 + 120) / (10 * 100 + 20 + 400)
    small, large = analysis.points[-2:]
    assert small.upper == pytest.approx(centre + 3 * math.sqrt(centre * (1 - centre) / 20))
    assert large.upper == pytest.approx(centre + 3 * math.sqrt(centre * (1 - centre) / 400))
    assert small.value == large.value == 0.3
    assert small.upper > 0.3 > large.upper
    assert "outside_limits" not in small.signals
    assert (large.signals, large.main_signal) == (("outside_limits",), "outside_limits")
    assert large.point_type == "special_cause_concern"  # higher is worse here
    assert analysis.variation == "special_cause_concern"


def test_two_of_three_below_uses_the_lower_limit_before_it_is_clipped():
    # CL 0.085 with 20 a week: 3σ = 0.187, so the lower limit is clipped to 0 and the 2σ line
    # is at 0.085 - (2/3)(0.187) < 0: a week of none is not "near the limit" (with the clipped
    # limit it would be, at 0.085 - (2/3)(0.085) = 0.028), though three weeks are below the CL.
    pairs = [(1, 20), (3, 20)] * 5 + [(0, 20), (0, 20), (1, 20)]
    analysis = analyse(MeasureSettings("p", "mdc", "proportion", "increase"), _ratios(pairs))
    centre = 22 / 260
    unclipped = centre - 3 * math.sqrt(centre * (1 - centre) / 20)
    assert unclipped < 0 and analysis.points[10].lower == 0
    assert centre - (2 / 3) * centre > 0  # where the clipped limit would put the 2σ line
    assert all(p.value < centre for p in analysis.points[10:])
    assert all("two_of_three" not in p.signals for p in analysis.points)
    assert {p.point_type for p in analysis.points} == {"common_cause"}


def test_two_of_three_above_uses_the_upper_limit_as_clipped_at_one():
    # CL near 0.9 with 20 a week: the upper limit is clipped to 1 and the 2σ line is two thirds
    # of the way to it, so two full weeks in three are near the limit.
    pairs = [(17, 20), (19, 20)] * 5 + [(20, 20), (19, 20), (20, 20)]
    analysis = analyse(MeasureSettings("p", "mdc", "proportion", "increase"), _ratios(pairs))
    centre = 239 / 260
    sigma = math.sqrt(centre * (1 - centre) / 20)
    point = analysis.points[-1]
    assert point.upper == 1.0 < centre + 3 * sigma
    assert 0.95 < centre + (2 / 3) * (1.0 - centre) < 1.0
    assert centre + 2 * sigma > 1.0  # the unclipped upper limit would find nothing near it
    flagged = ["two_of_three" in p.signals for p in analysis.points]
    assert flagged == [False] * 10 + [True, False, True]
    assert point.point_type == "special_cause_improvement"
    assert point.main_signal == "two_of_three"
    assert analysis.variation == "special_cause_improvement"


def test_a_c_chart_shift_of_seven_points_below_the_mean_is_an_improvement_for_harms():
    values = [9, 11, 10, 12, 8, 10, 11, 9, 10] + [7, 8, 7, 8, 7, 8, 7]
    analysis = analyse(MeasureSettings("c", "mdc", "count", "decrease"), _counts(values))
    centre = sum(values) / len(values)
    point = analysis.points[-1]
    assert point.centre == pytest.approx(centre)
    assert point.upper == pytest.approx(centre + 3 * math.sqrt(centre))
    assert point.lower == pytest.approx(max(centre - 3 * math.sqrt(centre), 0))
    assert ["shift" in p.signals for p in analysis.points] == [False] * 9 + [True] * 7
    assert point.point_type == "special_cause_improvement"
    assert analysis.variation == "special_cause_improvement"


def test_a_u_chart_trend_is_flagged_whatever_the_limits():
    exposures = [1000, 1200, 800, 1100, 900, 1000, 1000, 1050, 950, 1000]
    rates = [0.010, 0.011, 0.012, 0.013, 0.014, 0.015, 0.016, 0.012, 0.011, 0.012]
    pairs = [(round(r * n), n) for r, n in zip(rates, exposures, strict=True)]
    analysis = analyse(MeasureSettings("u", "mdc", "rate", "neither"), _ratios(pairs))
    values = [p.value for p in analysis.points]
    assert all(b > a for a, b in zip(values[:7], values[1:7], strict=False))
    assert ["trend" in p.signals for p in analysis.points] == [True] * 7 + [False] * 3
    assert analysis.points[6].point_type == "special_cause_neutral_high"
    assert analysis.points[-1].point_type == "common_cause"
    assert analysis.variation == "common_cause"


@pytest.mark.parametrize(("last_exposure", "assurance"), [(200, "inconsistent"), (20000, None)])
def test_assurance_reads_the_limits_of_the_last_point(last_exposure, assurance):
    # A target of 0.0125 events per bed-day: inside the wide limits of a small last week,
    # above the narrow upper limit of a large one (so, higher being better, never met).
    pairs = [(10, 1000)] * 12 + [(round(0.01 * last_exposure), last_exposure)]
    settings = MeasureSettings("u", "mdc", "rate", "increase", target=0.0125)
    analysis = analyse(settings, _ratios(pairs))
    last = analysis.points[-1]
    centre = (120 + round(0.01 * last_exposure)) / (12000 + last_exposure)
    assert last.upper == pytest.approx(centre + 3 * math.sqrt(centre / last_exposure))
    expected = assurance or ("consistent_fail" if last.upper < 0.0125 else "inconsistent")
    assert expected == ("consistent_fail" if last_exposure == 20000 else "inconsistent")
    assert analysis.assurance == expected


def test_laney_charts_take_the_rules_on_their_widened_limits():
    # Overdispersed: p′ limits are wider than p's, so a point outside p's is inside p′'s.
    pairs = [(400, 1000), (520, 1000), (450, 1000), (560, 1000), (430, 1000), (540, 1000)] * 2
    pairs = [*pairs, (620, 1000)]
    p = analyse(MeasureSettings("p", "mdc", "proportion", "increase"), _ratios(pairs))
    pp = analyse(MeasureSettings("pp", "mdc", "proportion", "increase"), _ratios(pairs))
    assert pp.points[-1].upper > 0.62 > p.points[-1].upper
    assert p.points[-1].point_type == "special_cause_improvement"
    assert "outside_limits" not in pp.points[-1].signals
    assert pp.points[-1].point_type == pp.variation


def test_up_chart_gives_point_types_variation_and_assurance():
    pairs = [(10, 1000), (14, 1100), (9, 900), (13, 1000), (11, 950), (12, 1050)] * 2
    settings = MeasureSettings("up", "mdc", "rate", "decrease", target=0.5)
    analysis = analyse(settings, _ratios(pairs))
    assert {p.point_type for p in analysis.points} == {"common_cause"}
    assert analysis.variation == "common_cause"
    # A target far above every upper limit, lower being better: always met.
    assert analysis.assurance == "consistent_pass"
