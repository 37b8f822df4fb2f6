"""Generating a dataset: the structure first, then each measure's reading, then its points.

Deterministic for a seed and an end week: the structure comes from one seeded `random.Random`
in a fixed order, and each measure's values from its own numpy generator seeded by (seed, its
ordinal), so the process pool may analyse and format chunks in any order.
"""

import multiprocessing
import os
import random
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db import connection, transaction

from demo.people import TOWNS
from demo.scale import points, writer
from demo.scale.activity import ActivityBuilder
from demo.scale.diagrams import DiagramBuilder
from demo.scale.people import people
from demo.scale.plans import MeasurePlan, PlanMaker
from demo.scale.portfolio import PortfolioBuilder, at
from demo.scale.presets import Scale
from demo.scale.readings import read_chunk
from demo.scale.records import MeasureRecords
from demo.scale.rows import Ids, Table
from measurement.models import StandardMeasure
from projects.models import CareSetting, Project, Topic
from regions.models import Organisation, Region, User

READING_CHUNK, POINT_CHUNK = 400, 200  # measures per job
POOL_FROM = 3000  # measures; below this a process pool costs more than it saves
STANDARD_FIELDS = (
    "id",
    "slug",
    "name",
    "kind",
    "data_type",
    "chart",
    "rules",
    "improvement",
    "unit",
    "multiplier",
    "definition",
    "inclusions",
    "exclusions",
    "data_source",
)


class AlreadyHasData(Exception):
    pass


@dataclass
class Report:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    unanalysable: int = 0

    def count(self, table: Table) -> None:
        self.rows[table.key] = self.rows.get(table.key, 0) + writer.write(table)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def derive(start: date, completed: date | None) -> tuple:
    """The model's own rule for the financial periods a project counts in."""
    project = Project(start_date=start, completed_on=completed)
    project.derive_financial_periods()
    return (
        project.start_financial_year,
        project.start_quarter,
        project.completion_financial_year,
        project.completion_quarter,
    )


def check_empty(replace: bool) -> None:
    """Refuses a database with data in it, unless told to replace it (a run that failed
    half-way leaves its users behind, which count as data too)."""
    if (
        Project.objects.exists()
        or Organisation.objects.exists()
        or User.objects.filter(username__startswith=writer.SCALE_USERNAMES).exists()
    ):
        if not replace:
            raise AlreadyHasData(
                "This database already has projects or organisations. Run with --replace to "
                "delete every project, measure, organisation and activity record first."
            )
        writer.wipe()


class Generation:
    def __init__(
        self,
        scale: Scale,
        seed: int,
        end: date,
        say: Callable[[str], None],
        workers: int | None = None,
    ):
        self.scale, self.seed, self.say = scale, seed, say
        self.first = end - timedelta(weeks=scale.weeks - 1)
        self.as_of = end + timedelta(weeks=1)  # the Monday after the last week entered
        self.workers = workers or os.cpu_count() or 1
        self.report = Report()
        self.rng = random.Random(seed)
        self.ids = Ids(writer.first_ids())

    def _step(self, name: str, started: float) -> None:
        self.report.seconds[name] = time.perf_counter() - started
        self.say(f"  {name}: {self.report.seconds[name]:.1f} s")

    def run(self) -> Report:
        pool = self._pool()  # forked before any rows exist, with no connection open
        try:
            writer.fast_session()
            started = time.perf_counter()
            plans = self._structure()
            self._step("structure and activity", started)
            started = time.perf_counter()
            self._measures(plans, pool)
            self._step("measures analysed, with quarter states and events", started)
            started = time.perf_counter()
            self._points([plan for plan in plans if plan.has_points], pool)
            self._step("data points", started)
        finally:
            writer.normal_session()
            if pool:
                pool.terminate()
        writer.finish()
        return self.report

    def _pool(self):
        if self.workers < 2 or self.scale.measures < POOL_FROM:
            return None
        if not connection.in_atomic_block:
            connection.close()  # the children must not share its socket
        return multiprocessing.get_context("fork").Pool(self.workers)

    def _regions(self) -> list[tuple]:
        return [
            (r.pk, r.slug, TOWNS.get(r.slug, (r.name, r.name)))
            for r in Region.objects.order_by("slug")
        ]

    def _structure(self) -> list[MeasurePlan]:
        regions, rng, ids, scale = self._regions(), self.rng, self.ids, self.scale
        cast = people(
            rng,
            regions,
            organisations=scale.organisations,
            projects=scale.projects,
            ids=ids,
            joined=at(self.first - timedelta(days=90)),
        )
        topics = [(t.value, t.label) for t in Topic if t != Topic.OTHER]
        settings = dict(CareSetting.objects.values_list("slug", "id"))
        portfolio = PortfolioBuilder(rng, cast, regions, topics, settings, ids, derive)
        diagrams = DiagramBuilder(rng, ids)
        standards = list(StandardMeasure.objects.order_by("slug").values_list(*STANDARD_FIELDS))
        maker = PlanMaker(rng, standards, scale.weeks, self.first)
        plans = []
        for _ in range(scale.projects):
            project = portfolio.project(self.first, self.as_of)
            diagram = diagrams.diagram(project, self.as_of)
            for position in range(scale.measures_per_project):
                plan = maker.plan(
                    len(plans), ids.take("measure"), position, project, diagram, first_point_id=0
                )
                if plan.has_points:
                    plan = replace(plan, first_point_id=ids.take("data_point", scale.weeks))
                plans.append(plan)
        activity = ActivityBuilder(rng, cast, regions, ids)
        activity.build(scale.projects, self.first, self.as_of)
        with transaction.atomic():
            for table in cast.tables + portfolio.tables + diagrams.tables + activity.tables:
                self.report.count(table)
        return plans

    def _jobs(self, plans: list[MeasurePlan], size: int) -> Iterator[tuple]:
        for start in range(0, len(plans), size):
            yield self.seed, self.first, self.scale.weeks, plans[start : start + size]

    def _map(self, pool, function, jobs: Iterator[tuple]) -> Iterator:
        """Results in job order, with at most two jobs per worker in flight: the pool's own
        imap would queue every result in memory while the database catches up."""
        if pool is None:
            yield from map(function, jobs)
            return
        pending = deque()
        for job in jobs:
            pending.append(pool.apply_async(function, (job,)))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def _measures(self, plans: list[MeasurePlan], pool) -> None:
        records = MeasureRecords(self.ids, self.first, self.scale.weeks)
        by_id = {plan.id: plan for plan in plans}
        for readings in self._map(pool, read_chunk, self._jobs(plans, READING_CHUNK)):
            tables = records.tables()
            for reading in readings:
                records.add(tables, by_id[reading.measure_id], reading)
                self.report.unanalysable += bool(reading.failed)
            with transaction.atomic():
                for table in tables:
                    self.report.count(table)

    def _points(self, plans: list[MeasurePlan], pool) -> None:
        written = 0
        if writer.is_postgres():
            for text in self._map(pool, points.text_chunk, self._jobs(plans, POINT_CHUNK)):
                writer.write_text("data_point", points.COLUMNS, text)
                written += text.count(b"\n")
        else:
            with transaction.atomic():
                for rows in self._map(pool, points.row_chunk, self._jobs(plans, POINT_CHUNK)):
                    writer.write_rows("data_point", points.COLUMNS, rows)
                    written += len(rows)
        self.report.rows["data_point"] = written
