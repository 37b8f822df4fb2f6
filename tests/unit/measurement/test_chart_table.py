"""The accessible data table: columns that fit the chart, every cell a display string."""

from __future__ import annotations

from datetime import date, timedelta

from measurement.charts import ChartSpec, data_table, table_headers
from measurement.spc import MeasureSettings, Observation, Phase, analyse

FIRST_MONDAY = date(2024, 6, 3)


def _monday(week: int) -> date:
    return FIRST_MONDAY + timedelta(weeks=week)


def _weekly(values: list[float]) -> list[Observation]:
    return [Observation(_monday(i), value=v) for i, v in enumerate(values)]


def _keys(analysis) -> list[str]:
    return [column["key"] for column in table_headers(analysis)]


STEADY = [50, 52, 49, 51, 50, 53, 48, 50, 51, 49, 52, 50]


def test_run_chart_table_has_no_limit_columns():
    analysis = analyse(MeasureSettings("run", "anhoej", "continuous"), _weekly(STEADY))
    assert _keys(analysis) == ["period", "value", "centre", "signals"]
    assert table_headers(analysis)[2]["label"] == "Median"


def test_xmr_mdc_table_has_limits_and_the_point_type():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(STEADY))
    assert _keys(analysis) == [
        "period",
        "value",
        "centre",
        "lower",
        "upper",
        "signals",
        "point_type",
    ]
    labels = {column["key"]: column["label"] for column in table_headers(analysis)}
    assert (labels["centre"], labels["lower"], labels["point_type"]) == (
        "Mean",
        "Lower limit",
        "Variation",
    )


def test_proportions_show_numerator_and_denominator_and_percentages():
    observations = [
        Observation(_monday(i), numerator=n, denominator=200)
        for i, n in enumerate([104, 98, 110, 101, 96, 107])
    ]
    analysis = analyse(MeasureSettings("p", "anhoej", "proportion"), observations)
    rows = data_table(analysis, ChartSpec("Screened", unit="%", multiplier=100))
    assert _keys(analysis)[:4] == ["period", "numerator", "denominator", "value"]
    assert rows[0]["numerator"] == "104"
    assert rows[0]["denominator"] == "200"
    assert rows[0]["value"] == "52.0%"
    assert rows[0]["centre"] == "51.3%"
    assert rows[0]["upper"].endswith("%") and rows[0]["lower"].endswith("%")


def test_rows_hold_exactly_the_header_keys_in_order():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(STEADY))
    rows = data_table(analysis, ChartSpec("A measure"))
    assert len(rows) == len(STEADY)
    assert all(list(row) == _keys(analysis) for row in rows)
    assert all(isinstance(cell, str) for row in rows for cell in row.values())


def test_periods_are_written_as_short_dates():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(STEADY))
    rows = data_table(analysis, ChartSpec("A measure"))
    assert rows[0]["period"] == "3 Jun 2024"
    assert rows[5]["period"] == "8 Jul 2024"


def test_values_use_the_multiplier_and_unit():
    values = [v / 100 for v in STEADY]
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(values))
    row = data_table(analysis, ChartSpec("A measure", unit="%", multiplier=100))[1]
    assert row["value"] == "52.0%"
    assert row["centre"] == "50.4%"


def test_a_unit_word_follows_the_number_after_a_space():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly([2.5, 3.25, 4.0]))
    row = data_table(analysis, ChartSpec("Length of stay", unit="days"))[1]
    assert row["value"] == "3.25 days"


def test_whole_counts_are_shown_without_decimals_but_the_mean_keeps_them():
    analysis = analyse(MeasureSettings("c", "anhoej", "count"), _weekly([3, 5, 4, 6, 2, 4]))
    row = data_table(analysis, ChartSpec("Falls"))[0]
    assert row["value"] == "3"
    assert row["centre"] == "4.0"


def test_signals_and_point_types_are_words():
    values = STEADY + [60, 61, 62, 63, 64, 65, 66]
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous", "increase"), _weekly(values))
    last = data_table(analysis, ChartSpec("A measure"))[-1]
    assert last["signals"] == "Outside limits; Shift; Trend"
    assert last["point_type"] == "Special cause improvement"
    steady = analyse(MeasureSettings("xmr", "mdc", "continuous", "increase"), _weekly(STEADY))
    first = data_table(steady, ChartSpec("A measure"))[0]
    assert first["signals"] == "None"
    assert first["point_type"] == "Common cause"


def test_phase_column_appears_once_the_chart_is_rebased():
    settings = MeasureSettings("xmr", "mdc", "continuous", phases=(Phase(_monday(6), "new rota"),))
    analysis = analyse(settings, _weekly(STEADY))
    rows = data_table(analysis, ChartSpec("A measure"))
    assert "phase" in _keys(analysis)
    assert [row["phase"] for row in rows] == ["1"] * 6 + ["2"] * 6


def test_baseline_column_appears_with_a_baseline():
    settings = MeasureSettings("xmr", "mdc", "continuous", baseline_points=8)
    rows = data_table(analyse(settings, _weekly(STEADY)), ChartSpec("A measure"))
    assert [row["baseline"] for row in rows] == ["Yes"] * 8 + ["No"] * 4


def test_events_tables_name_what_is_plotted():
    from measurement.spc import Event

    events = [Event(_monday(0)), Event(_monday(3)), Event(_monday(5))]
    analysis = analyse(MeasureSettings("t", "anhoej", "events"), events=events)
    headers = table_headers(analysis)
    assert headers[0]["label"] == "Event date"
    assert headers[1]["label"] == "Days since previous event"
    assert data_table(analysis, ChartSpec("Never events"))[0]["value"] == "21"


def test_an_empty_analysis_has_headers_and_no_rows():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), [])
    assert data_table(analysis, ChartSpec("Empty")) == []
    assert _keys(analysis)[0] == "period"


def test_numeric_columns_are_marked_for_right_alignment():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(STEADY))
    numeric = {c["key"] for c in table_headers(analysis) if c["numeric"]}
    assert numeric == {"value", "centre", "lower", "upper"}
