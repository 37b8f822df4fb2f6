"""What each measure is (chart, rules, direction, wording) and the shape of its data: steady,
a shift, a trend, or a shift after which the team rebased the chart. Pure: no Django.

Every chart type appears; about a quarter of measures adopt a national standard measure and
take its settings. The numbers drawn here are the series' parameters; `series` draws the noise.
"""

import random
from dataclasses import dataclass
from datetime import date

# (chart, data type, rule sets to choose from, share of measures)
CHART_MIX = [
    ("p", "proportion", ("anhoej",), 0.25),
    ("pp", "proportion", ("anhoej",), 0.05),
    ("xmr", "continuous", ("mdc", "mdc", "anhoej"), 0.14),
    ("xmr", "proportion", ("mdc",), 0.05),
    ("xmr", "count", ("mdc", "anhoej"), 0.03),
    ("run", "continuous", ("anhoej", "ihi"), 0.07),
    ("run", "proportion", ("anhoej", "ihi"), 0.05),
    ("u", "rate", ("anhoej",), 0.12),
    ("up", "rate", ("anhoej",), 0.04),
    ("c", "count", ("anhoej",), 0.135),
    ("g", "events", ("anhoej",), 0.005),
    ("t", "events", ("anhoej",), 0.01),
]
KINDS = ("outcome", "process", "balancing")
NAMES = {
    ("proportion", "outcome"): "Patients free from {topic} harm",
    ("proportion", "process"): "Patients receiving the {topic} bundle",
    ("proportion", "balancing"): "Patients readmitted within 30 days",
    ("rate", "outcome"): "{topic} harms per 1,000 bed-days",
    ("rate", "process"): "{topic} reviews per 1,000 bed-days",
    ("rate", "balancing"): "Cardiac arrests per 1,000 bed-days",
    ("count", "outcome"): "{topic} incidents a week",
    ("count", "process"): "{topic} safety huddles held a week",
    ("count", "balancing"): "Complaints a week",
    ("continuous", "outcome"): "Length of stay, days ({topic})",
    ("continuous", "process"): "Minutes to {topic} assessment",
    ("continuous", "balancing"): "Staff hours on the huddle a week",
    ("events", "outcome"): "Days between {topic} never events",
    ("events", "process"): "Days between missed {topic} checks",
    ("events", "balancing"): "Days between {topic} complaints",
}
UNITS = {
    "proportion": ("%", 100.0),
    "rate": ("per 1,000 bed-days", 1000.0),
    "events": ("days", 1.0),
    "count": ("", 1.0),
    "continuous": ("", 1.0),
}
SHAPES = [("stable", 0.45), ("shift", 0.27), ("trend", 0.18), ("rebased_shift", 0.10)]
REBASE_REASON = "Change adopted on every ward"


@dataclass(frozen=True)
class MeasurePlan:
    ordinal: int  # seeds this measure's own random numbers
    id: int
    project_id: int
    entered_by: int
    name: str
    kind: str
    data_type: str
    chart: str
    rules: str
    improvement: str
    unit: str
    multiplier: float
    standard: tuple | None  # the adopted standard's (id, definition, inclusions, ...) or None
    target: float | None
    baseline_points: int | None
    node: tuple[str, int] | None  # ("change_idea", id) and so on: at most one diagram node
    shape: str
    change_week: int | None
    trend_weeks: int
    effect: float  # signed: see series.py for the units per data type
    level: float
    size: float  # mean denominator (proportions, rates) or opportunities a day (g)
    spread: float  # sd (continuous) or between-week noise (Laney charts)
    first_point_id: int  # data points take ids first_point_id ... + weeks - 1

    @property
    def rebase_week(self) -> int | None:
        return self.change_week if self.shape == "rebased_shift" else None

    @property
    def has_points(self) -> bool:
        return self.data_type != "events"


def _improvement(kind: str, data_type: str) -> str:
    if kind == "balancing":
        return "neither" if data_type in ("proportion", "continuous") else "decrease"
    if data_type == "events" or (data_type == "proportion" and kind in ("outcome", "process")):
        return "increase"
    return "decrease"


def _levels(rng: random.Random, chart: str, data_type: str) -> tuple[float, float, float]:
    """(level, size, spread): the steady state before any change."""
    if data_type == "continuous":
        level = round(rng.uniform(5, 60), 1)
        return level, 0.0, level * rng.uniform(0.05, 0.15)
    if data_type == "count":
        return rng.uniform(2, 30), 0.0, 0.0
    if data_type == "proportion":
        size = rng.uniform(800, 5000) if chart == "pp" else rng.uniform(15, 300)
        return rng.uniform(0.2, 0.8), size, rng.uniform(0.08, 0.2) if chart == "pp" else 0.0
    if data_type == "rate":
        size = rng.uniform(5000, 40000) if chart == "up" else rng.uniform(300, 3000)
        return rng.uniform(3, 40) / size, size, rng.uniform(0.08, 0.2) if chart == "up" else 0.0
    return rng.uniform(10, 60), rng.uniform(2, 20), 0.0  # events: mean days between


def _effect(rng: random.Random, data_type: str, improvement: str) -> float:
    """A change in the improving direction mostly; sometimes things get worse."""
    up = {"increase": 1, "decrease": -1}.get(improvement, rng.choice([1, -1]))
    if rng.random() < 0.15:
        up = -up
    magnitude = {
        "continuous": rng.uniform(1.5, 3.0),
        "proportion": rng.uniform(0.4, 1.2),
        "events": rng.uniform(0.5, 2.0),
    }.get(data_type, rng.uniform(0.3, 0.6))
    return up * magnitude


def _target(plan_level: float, effect: float, data_type: str, spread: float) -> float | None:
    if data_type == "continuous":
        return round(plan_level + effect * spread, 1)
    if data_type == "proportion":
        return round(min(0.99, max(0.01, plan_level + effect * 0.15)), 2)
    if data_type in ("count", "rate"):
        return float(f"{plan_level * (1 + effect):.3g}")
    return None


class PlanMaker:
    def __init__(self, rng: random.Random, standards: list[tuple], weeks: int, first: date):
        self.rng, self.weeks, self.first = rng, weeks, first
        self.standards = {kind: [s for s in standards if s[3] == kind] for kind in KINDS}

    def _chart(self, kind: str):
        """(chart, data type, rules, standard or None)."""
        rng = self.rng
        if self.standards[kind] and rng.random() < 0.25:
            standard = rng.choice(self.standards[kind])
            return standard[5], standard[4], standard[6], standard
        chart, data_type, rules, _ = rng.choices(CHART_MIX, [m[3] for m in CHART_MIX])[0]
        return chart, data_type, rng.choice(rules), None

    def _shape(self, start: date, data_type: str) -> tuple[str, int | None]:
        rng = self.rng
        shape = rng.choices([s for s, _ in SHAPES], [w for _, w in SHAPES])[0]
        start_week = (start - self.first).days // 7
        if shape == "stable" or self.weeks < 30 or start_week > self.weeks - 12:
            return "stable", None
        if shape == "rebased_shift" and data_type == "events":
            shape = "shift"  # a rebase late in a rare-event chart may have no event after it
        return shape, min(max(12, start_week + rng.randint(4, 26)), self.weeks - 8)

    def plan(
        self, ordinal: int, measure_id: int, position: int, project, diagram, first_point_id: int
    ) -> MeasurePlan:
        rng = self.rng
        kind = KINDS[position % len(KINDS)]
        chart, data_type, rules, standard = self._chart(kind)
        improvement = standard[7] if standard else _improvement(kind, data_type)
        level, size, spread = _levels(rng, chart, data_type)
        shape, change_week = self._shape(project.start, data_type)
        effect = _effect(rng, data_type, improvement)
        target = (
            _target(level, effect, data_type, spread)
            if improvement != "neither" and rng.random() < 0.35
            else None
        )
        node = None
        if kind == "process" and rng.random() < 0.6:
            node = ("change_idea", rng.choice(diagram.ideas))
        elif kind == "balancing" and rng.random() < 0.3:
            node = ("secondary_driver", rng.choice(diagram.secondaries))
        unit, multiplier = (standard[8], standard[9]) if standard else UNITS[data_type]
        name = (
            standard[2]
            if standard
            else NAMES[(data_type, kind)].format(topic=project.topic_label.lower()).capitalize()
        )
        return MeasurePlan(
            ordinal,
            measure_id,
            project.id,
            project.lead,
            name,
            kind,
            data_type,
            chart,
            rules,
            improvement,
            unit,
            multiplier,
            standard,
            target,
            20 if self.weeks >= 40 and rng.random() < 0.08 else None,
            node,
            shape,
            change_week,
            rng.randint(8, 30),
            effect,
            level,
            size,
            spread,
            first_point_id,
        )
