"""Impact statements from a chart (learning/impacts.py): plain functions, no database."""

from dataclasses import replace
from datetime import date, timedelta

from learning.impacts import (
    Impact,
    PhaseRef,
    impacts_of,
    number_words,
    percent_words,
    rounded,
    with_unit,
)
from measurement import spc

MAY_2016 = date(2016, 5, 2)
NOV_2016 = date(2016, 11, 7)
SWABS = "Births with a verbal swab count at handover"


def weeks(start: date, count: int) -> list[date]:
    return [start + timedelta(weeks=n) for n in range(count)]


def proportion_analysis(
    before=27, after=77, *, chart="p", rules="mdc", improvement="increase", target=None
):
    """Weekly swab counts: `before` in 100 births for 27 weeks, then `after` in 100 from the
    rebase on 7 Nov 2016 (with a little spread so that the limits are drawn)."""
    periods = weeks(MAY_2016, 48)
    wobble = [0, 1, -1] * 16
    observations = [
        spc.Observation(
            period, numerator=(before if n < 27 else after) + wobble[n], denominator=100
        )
        for n, period in enumerate(periods)
    ]
    settings = spc.MeasureSettings(
        chart=chart,
        rules=rules,
        data_type="proportion",
        improvement=improvement,
        target=target,
        phases=(spc.Phase(periods[27], "Swab count added to the handover script"),),
    )
    return spc.analyse(settings, observations=observations)


def by_kind(impacts: list[Impact]) -> dict[str, Impact]:
    return {impact.kind: impact for impact in impacts}


def test_level_compares_the_first_and_latest_centre_lines_in_display_units():
    level = by_kind(impacts_of(proportion_analysis(), name=SWABS, multiplier=100, unit="%"))[
        "level"
    ]
    assert (level.before, level.after) == (27.0, 77.0)
    assert level.relative_change == 1.852
    assert level.unit == "%"
    assert level.statement == (
        f"{SWABS}: from 27% (phase 1, from 2 May 2016) to 77% (phase 2, from 7 Nov 2016: "
        "Swab count added to the handover script), up 185%, an improvement"
    )


def test_level_names_the_phases_it_compares():
    level = impacts_of(proportion_analysis(), name=SWABS, multiplier=100, unit="%")[0]
    assert level.phases == (
        PhaseRef(1, MAY_2016, ""),
        PhaseRef(2, NOV_2016, "Swab count added to the handover script"),
    )


def test_a_fall_where_a_fall_is_wanted_is_an_improvement():
    level = impacts_of(
        proportion_analysis(40, 30, improvement="decrease"), name="Falls", multiplier=100, unit="%"
    )[0]
    assert level.statement.endswith("down 25%, an improvement")
    assert level.relative_change == -0.25


def test_a_fall_where_a_rise_is_wanted_is_a_deterioration():
    level = impacts_of(proportion_analysis(40, 30), name="Swabs", multiplier=100, unit="%")[0]
    assert level.statement.endswith("down 25%, a deterioration")


def test_no_direction_of_improvement_says_neither():
    level = impacts_of(
        proportion_analysis(improvement="neither"), name="Swabs", multiplier=100, unit="%"
    )[0]
    assert level.statement.endswith("up 185%")


def test_one_phase_gives_no_level():
    analysis = proportion_analysis()
    one_phase = spc.analyse(replace(analysis.settings, phases=()), observations=_obs(analysis))
    assert [i.kind for i in impacts_of(one_phase, name="Swabs")] == []


def _obs(analysis):
    return [
        spc.Observation(p.period, numerator=p.numerator, denominator=p.denominator)
        for p in analysis.points
    ]


def test_a_phase_without_a_centre_line_gives_no_level():
    analysis = proportion_analysis()
    latest = replace(analysis.phases[-1], centre=None)
    analysis = replace(analysis, phases=(analysis.phases[0], latest))
    assert "level" not in by_kind(impacts_of(analysis, name="Swabs"))


def test_from_zero_gives_no_relative_change():
    analysis = proportion_analysis()
    first = replace(analysis.phases[0], centre=0.0)
    analysis = replace(analysis, phases=(first, analysis.phases[-1]))
    level = impacts_of(analysis, name="Swabs")[0]
    assert level.before == 0.0
    assert level.relative_change is None
    assert "up" not in level.statement
    assert level.statement.endswith(", an improvement")


def test_run_charts_compare_medians():
    analysis = proportion_analysis(chart="run", rules="anhoej")
    level = impacts_of(analysis, name="Swabs", multiplier=100, unit="%")[0]
    assert [p.centre for p in analysis.phases] == [0.27, 0.77]  # the medians
    assert level.statement.startswith("Swabs: median from 27% (phase 1")
    assert (level.before, level.after) == (27.0, 77.0)


def test_no_analysis_gives_no_impacts():
    assert impacts_of(None, name="Swabs") == []


def test_figures_round_to_one_decimal_two_figures_below_one_and_whole_from_a_thousand():
    assert rounded(26.64) == 26.6
    assert rounded(0.7512) == 0.75
    assert rounded(0.01234) == 0.012
    assert rounded(2438.7) == 2439.0
    assert rounded(0) == 0


def test_statements_print_figures_without_a_trailing_nought_and_units_as_written():
    assert number_words(27.0) == "27"
    assert number_words(26.6) == "26.6"
    assert number_words(2439.0) == "2,439"
    assert with_unit(0.27 * 100, "%") == "27%"
    assert with_unit(17.62, "days") == "17.6 days"
    assert with_unit(7.5, "per 1,000 bed-days") == "7.5 per 1,000 bed-days"
    assert with_unit(12, "") == "12"


def test_relative_change_reads_whole_per_cent_from_ten_and_a_decimal_below():
    assert percent_words(1.852) == "up 185%"
    assert percent_words(-0.085) == "down 8.5%"
    assert percent_words(0.0001) == "no change"


# Assurance ------------------------------------------------------------------------------------


def test_a_target_inside_the_limits_below_is_met_reliably():
    analysis = proportion_analysis(target=0.5)
    assert analysis.assurance == spc.Assurance.CONSISTENT_PASS
    assurance = by_kind(impacts_of(analysis, name="Swabs", multiplier=100, unit="%"))["assurance"]
    assert assurance.statement == "Swabs: the target of 50% is now met reliably"
    assert (assurance.before, assurance.after, assurance.relative_change) == (None, None, None)
    assert assurance.phases == (PhaseRef(2, NOV_2016, "Swab count added to the handover script"),)


def test_a_target_beyond_the_limits_is_not_met():
    analysis = proportion_analysis(target=0.95)
    assert analysis.assurance == spc.Assurance.CONSISTENT_FAIL
    statement = by_kind(impacts_of(analysis, name="Swabs", multiplier=100, unit="%"))[
        "assurance"
    ].statement
    assert statement == (
        "Swabs: the target of 95% is not met at present: the limits lie the wrong side of it"
    )


def test_a_target_between_the_limits_is_hit_and_miss():
    analysis = proportion_analysis(target=0.77)
    assert analysis.assurance == spc.Assurance.INCONSISTENT
    statement = by_kind(impacts_of(analysis, name="Swabs", multiplier=100, unit="%"))[
        "assurance"
    ].statement
    assert statement == "Swabs: the target of 77% may or may not be met (hit and miss)"


def test_no_target_gives_no_assurance():
    assert "assurance" not in by_kind(impacts_of(proportion_analysis(), name="Swabs"))


def test_assurance_needs_the_making_data_count_rules():
    analysis = proportion_analysis(chart="run", rules="anhoej", target=0.5)
    assert "assurance" not in by_kind(impacts_of(analysis, name="Swabs"))


# Rare events ----------------------------------------------------------------------------------


def events_analysis(gaps_before=4, gaps_after=30, count=12, chart="t"):
    """Urinary infections: one every `gaps_before` days, then one every `gaps_after` days
    from the rebase (a day either way so that the limits are drawn)."""
    day, dates, gaps = date(2016, 1, 4), [], [None]
    for n in range(count * 2):
        dates.append(day)
        gaps.append((gaps_before if n < count else gaps_after) + [0, 1, -1][n % 3])
        day += timedelta(days=gaps[-1])
    settings = spc.MeasureSettings(
        chart=chart,
        rules="anhoej",
        data_type="events",
        improvement="increase",
        phases=(spc.Phase(dates[count + 1], "Catheter bundle"),),
    )
    opportunities = gaps if chart == "g" else [None] * len(dates)
    events = [spc.Event(d, o) for d, o in zip(dates, opportunities, strict=False)]
    return spc.analyse(settings, events=events), dates


def test_t_charts_say_one_event_every_n_days_to_one_every_m_days():
    analysis, dates = events_analysis()
    impacts = by_kind(impacts_of(analysis, name="Urinary infections", event_dates=dates))
    rate = impacts["rate"]
    assert "level" not in impacts
    assert rate.unit == "days between events"
    assert round(rate.before) == 4 and round(rate.after) == 30
    assert rate.statement.startswith(
        "Urinary infections: from one event every 4 days (phase 1, from "
    )
    assert "to one every 30 days (phase 2, from " in rate.statement
    assert rate.statement.endswith("Catheter bundle), an improvement")


def test_days_since_the_last_event_count_to_the_end_given():
    analysis, dates = events_analysis()
    end = dates[-1] + timedelta(days=612)
    since = by_kind(impacts_of(analysis, name="Never Events", event_dates=dates, end=end))[
        "since_last"
    ]
    assert since.after == 612.0 and since.before is None
    assert since.unit == "days"
    assert since.statement == (
        f"Never Events: 612 days since the last event (on {dates[-1].day} "
        f"{dates[-1].strftime('%b')} {dates[-1].year})"
    )
    assert since.phases == (PhaseRef(2, dates[13], "Catheter bundle"),)


def test_no_end_day_gives_no_days_since_the_last_event():
    analysis, dates = events_analysis()
    assert "since_last" not in by_kind(impacts_of(analysis, name="UTI", event_dates=dates))


def test_an_end_before_the_last_event_gives_no_days_since():
    analysis, dates = events_analysis()
    impacts = impacts_of(analysis, name="UTI", event_dates=dates, end=dates[-1] - timedelta(1))
    assert "since_last" not in by_kind(impacts)


def test_g_charts_compare_levels_not_rates():
    analysis, dates = events_analysis(chart="g")
    kinds = [i.kind for i in impacts_of(analysis, name="UTI", event_dates=dates, end=dates[-1])]
    assert kinds == ["level", "since_last"]


# Harm avoided ---------------------------------------------------------------------------------


def test_harm_avoided_is_the_estimate_in_whole_events():
    periods = weeks(MAY_2016, 30)
    counts = [20, 21, 19, 22, 18] * 3 + [10, 11, 9, 12, 8] * 3
    settings = spc.MeasureSettings(
        chart="c",
        rules="mdc",
        data_type="count",
        improvement="decrease",
        phases=(spc.Phase(periods[15], "Falls huddle"),),
    )
    analysis = spc.analyse(
        settings,
        observations=[spc.Observation(p, value=c) for p, c in zip(periods, counts, strict=True)],
    )
    harm = by_kind(impacts_of(analysis, name="Falls"))["harm_avoided"]
    assert harm.after == 150.0 and harm.before is None and harm.relative_change is None
    assert harm.unit == "events"
    assert harm.statement == (
        "Falls: about 150 harms potentially avoided in phase 2 (from 15 Aug 2016) compared "
        "with the level of phase 1"
    )
    assert [p.phase for p in harm.phases] == [1, 2]


def test_no_harm_avoided_where_a_rise_is_wanted():
    kinds = [i.kind for i in impacts_of(proportion_analysis(), name="Swabs")]
    assert "harm_avoided" not in kinds
