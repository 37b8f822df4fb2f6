"""What the measure form says about each choice of chart, rules and direction, in plain words,
and the Making Data Count convention it proposes for a new measure.

Also turns the analysis module's settings errors (which name options by their codes) into
sentences that name them by the labels the form shows.
"""

from measurement import spc
from measurement.models.choices import Chart, DataType, Improvement, RuleSet

# Making Data Count, the NHS convention: an XmR chart for measurements and counts, the chart made
# for proportions and rates whose denominators vary; its rules are then the chart's first
# (spc.RULES_FOR_CHART), wherever they apply.
MDC_CHARTS = {
    DataType.CONTINUOUS: Chart.XMR,
    DataType.COUNT: Chart.XMR,
    DataType.PROPORTION: Chart.P,
    DataType.RATE: Chart.U,
    DataType.EVENTS: Chart.T,
}

CHOOSE_FOR_ME = "Choose for me (the NHS Making Data Count convention)"

CHART_HINTS = {
    "": "An XmR chart for measurements and counts, a p chart for proportions, a u chart for "
    "rates and a t chart for rare events.",
    Chart.RUN: "The values and their median, with no limits. Good when you have few points "
    "(under 20) or are just starting.",
    Chart.XMR: "Each value with a centre line and limits worked out from how much the values "
    "move from one period to the next. Works for almost any data.",
    Chart.P: "For proportions, such as patients screened out of patients seen. The limits "
    "widen in weeks when fewer people are counted.",
    Chart.PP: "A p chart adjusted for very large numbers, such as thousands of patients a "
    "week, when a p chart's limits would be too narrow to be useful.",
    Chart.U: "For rates, such as falls per 1,000 bed-days. The limits widen when there is "
    "less exposure.",
    Chart.UP: "A u chart adjusted for very large exposures, when a u chart's limits would be "
    "too narrow to be useful.",
    Chart.C: "For counts of events in periods of the same size, such as falls a week on one "
    "ward whose beds stay the same.",
    Chart.G: "For rare events: how many opportunities, such as deliveries, came between one "
    "event and the next.",
    Chart.T: "For rare events: how many days came between one event and the next.",
}

RULES_HINTS = {
    "": "Making Data Count rules on every chart they suit, Anhøj rules on run charts and "
    "charts of rare events.",
    RuleSet.MDC: "The NHS convention, with its variation and assurance icons. A signal is a "
    "point outside the limits, 7 points in a row on one side of the centre line (a shift), "
    "7 rising or falling (a trend), or 2 of 3 points close to a limit.",
    RuleSet.ANHOEJ: "A run that is unusually long for the number of points, or a line that "
    "crosses the centre line too few times. Works on every chart.",
    RuleSet.IHI: "For run charts: 6 points in a row on one side of the median (a shift), "
    "5 rising or falling (a trend), or too few or too many runs.",
}

IMPROVEMENT_HINTS = {
    Improvement.INCREASE: "For example, the proportion of patients screened for sepsis.",
    Improvement.DECREASE: "For example, falls per 1,000 bed-days.",
    Improvement.NEITHER: "Only for a measure that should stay steady, such as a balancing "
    "measure. Signals are then shown in purple and there is no assurance icon.",
}

CHOOSE_IMPROVEMENT = "Choose whether higher or lower is better, or neither"


def option_name(label: str) -> str:
    """An option's label without its explanation in brackets: 'P′ chart (Laney)' → 'P′ chart'."""
    return label.split(" (")[0]


def _rules_name(code: str) -> str:
    name = option_name(RuleSet(code).label)
    return name if name.endswith("rules") else f"{name} rules"


def _chart_name(code: str) -> str:
    """'a p chart', 'an XmR chart', 'a run chart', as charts are named inside a sentence."""
    name = option_name(Chart(code).label)
    first_word = name.split(" ")[0]
    if first_word[1:] == first_word[1:].lower():
        name = name[0].lower() + name[1:]
    article = "an" if name[0] in "aeioX" else "a"
    return f"{article} {name}"


def _data_name(code: str) -> str:
    """'continuous data', 'counts', 'proportions', 'rates', 'rare events'."""
    if code == DataType.CONTINUOUS:
        return "continuous data"
    name = option_name(DataType(code).label).lower()
    return name if name.endswith("s") else f"{name}s"


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def settings_message(error: spc.InvalidSettings, *, chart: str, rules: str, data_type: str) -> str:
    """The sentence a person reads for a chart or rules that do not fit, naming the options
    by their labels; other errors keep the analysis module's words."""
    if error.field == "chart" and data_type in spc.CHARTS_FOR_DATA_TYPE:
        allowed = [_chart_name(c) for c in spc.CHARTS_FOR_DATA_TYPE[data_type]]
        sentence = f"{_chart_name(chart)} cannot plot {_data_name(data_type)}: choose "
        return sentence[0].upper() + sentence[1:] + _either(allowed)
    if error.field == "rules" and chart in spc.RULES_FOR_CHART:
        allowed = [_rules_name(r) for r in spc.RULES_FOR_CHART[chart]]
        return (
            f"{_rules_name(rules)} cannot be used with {_chart_name(chart)}: choose "
            f"{_either(allowed)}"
        )
    return error.message[:1].upper() + error.message[1:]
