"""A measure's own rows once its reading is known: the measure (with its stored analysis), its
rebase, its events and its quarter states. Pure: no Django."""

from datetime import date, timedelta

from demo.scale.plans import REBASE_REASON, MeasurePlan
from demo.scale.points import entered_at
from demo.scale.portfolio import at
from demo.scale.readings import Reading
from demo.scale.rows import Ids, Table

MEASURE_COLUMNS = (
    "id",
    "name",
    "kind",
    "definition",
    "inclusions",
    "exclusions",
    "data_source",
    "data_type",
    "chart",
    "rules",
    "improvement",
    "unit",
    "multiplier",
    "project_id",
    "standard_id",
    "target",
    "frequency",
    "screen_moving_ranges",
    "baseline_points",
    "primary_driver_id",
    "secondary_driver_id",
    "change_idea_id",
    "variation",
    "assurance",
    "analysed_at",
    "harm_avoided",
    "data_version",
    "analysed_version",
    "created_by_id",
    "created_at",
    "updated_at",
)
DATA_VERSION = 1  # analysed_version equals it: nothing is stale, so no rollup re-analyses


class MeasureRecords:
    def __init__(self, ids: Ids, first: date, weeks: int):
        self.ids, self.first, self.weeks = ids, first, weeks
        self.last_entered = entered_at(first + timedelta(weeks=weeks - 1))

    def tables(self) -> list[Table]:
        """Fresh tables for one chunk, in the order they must be written."""
        return [
            Table("measure", MEASURE_COLUMNS),
            Table("rebase", ("id", "measure_id", "start", "reason", "created_by_id")),
            Table(
                "event",
                ("id", "measure_id", "date", "opportunities_since_previous", "recorded_by_id"),
            ),
            Table("quarter_state", ("id", "measure_id", "financial_year", "quarter", "variation")),
            Table(
                "seen_signal", ("id", "measure_id", "rule", "first_period", "point_type", "seen_at")
            ),
        ]

    def add(self, tables: list[Table], plan: MeasurePlan, reading: Reading) -> None:
        measures, rebases, events, states, signals = tables
        standard = plan.standard
        texts = (
            standard[10:14]
            if standard
            else (f"{plan.name}, counted weekly on the project's wards.", "", "", "Ward audit")
        )
        node = dict([plan.node]) if plan.node else {}
        measures.add(
            plan.id,
            plan.name,
            plan.kind,
            *texts,
            plan.data_type,
            plan.chart,
            plan.rules,
            plan.improvement,
            plan.unit,
            plan.multiplier,
            plan.project_id,
            standard[0] if standard else None,
            plan.target,
            "weekly",
            True,
            plan.baseline_points,
            node.get("primary_driver"),
            node.get("secondary_driver"),
            node.get("change_idea"),
            reading.variation,
            reading.assurance,
            self.last_entered,
            reading.harm,
            DATA_VERSION,
            DATA_VERSION,
            plan.entered_by,
            at(self.first),
            self.last_entered,
        )
        if plan.rebase_week is not None:
            rebases.add(
                self.ids.take("rebase"),
                plan.id,
                self.first + timedelta(weeks=plan.rebase_week),
                REBASE_REASON,
                plan.entered_by,
            )
        for day, opportunities in reading.events:
            events.add(self.ids.take("event"), plan.id, day, opportunities, plan.entered_by)
        for year, quarter, variation in reading.states:
            states.add(self.ids.take("quarter_state"), plan.id, year, quarter, variation)
        for rule, first_period, point_type in reading.seen:
            signals.add(
                self.ids.take("seen_signal"),
                plan.id,
                rule,
                first_period,
                point_type,
                entered_at(first_period),
            )
