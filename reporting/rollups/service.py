"""Running rollups: the full rebuild (nightly) and the incremental run (after each change).

Both write through `_store`, which replaces one year's figures of the scopes being run in one
transaction, so a run killed half-way leaves every (scope, year) either old or new, never mixed;
marks it had not yet cleared are still there for the next run.
"""

import logging
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from core.fiscal import years_between
from learning.models import Adoption, ChangeEntry, Programme, ProgrammeMember, Story, StoryReuse
from measurement.services.refresh import refresh_stale_measures
from projects.models import Project
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    Region,
    TrainingRecord,
)
from reporting.models import NATIONAL, FigureVersion, PendingRollup, RollupFigure, RollupRun
from reporting.rollups.compute import Figures, compute_year
from reporting.rollups.pending import clear_marks, forget_marks_seen
from reporting.rollups.read import silent_since

logger = logging.getLogger(__name__)


@transaction.atomic
def _store(year: str, scopes: list[str], by_scope: dict[str, Figures]) -> None:
    """Replaces one year's figures of the given scopes together, writing only the rows that
    differ: after a weekly batch a few dozen of the thousands change."""
    stored = {
        (scope, quarter, metric): (pk, value)
        for pk, scope, quarter, metric, value in RollupFigure.objects.filter(
            financial_year=year, scope__in=scopes
        ).values_list("pk", "scope", "quarter", "metric", "value")
    }
    wanted = {
        (scope, quarter, metric): value
        for scope in scopes
        for (quarter, metric), value in by_scope.get(scope, {}).items()
    }
    gone = [key for key in stored if key not in wanted]
    if gone:
        RollupFigure.objects.filter(pk__in=[stored[key][0] for key in gone]).delete()
    changed = [key for key, value in wanted.items() if stored.get(key, (None, None))[1] != value]
    RollupFigure.objects.bulk_create(
        [
            RollupFigure(
                scope=scope,
                financial_year=year,
                quarter=quarter,
                metric=metric,
                value=wanted[(scope, quarter, metric)],
            )
            for scope, quarter, metric in changed
        ],
        update_conflicts=True,
        unique_fields=["scope", "financial_year", "quarter", "metric"],
        update_fields=["value"],
        batch_size=2000,
    )
    record_new_versions(year, {key[0] for key in (*gone, *changed)})


def record_new_versions(year: str, scopes: set[str]) -> None:
    """A new version for each scope of the year whose figures changed (the pages' cache keys)."""
    if not scopes:
        return
    FigureVersion.objects.filter(financial_year=year, scope__in=scopes).update(
        version=F("version") + 1
    )
    FigureVersion.objects.bulk_create(
        [FigureVersion(scope=scope, financial_year=year) for scope in sorted(scopes)],
        ignore_conflicts=True,
    )


def _days_of(queryset, field: str) -> dict:
    """The first and last days of a date-time field, in the site's time zone."""
    span = queryset.aggregate(first=Min(field), last=Max(field))
    return {key: moment and timezone.localdate(moment) for key, moment in span.items()}


def recorded_years() -> list[str]:
    """Every financial year any record falls in, up to this year."""
    spans = [
        Project.objects.aggregate(first=Min("start_date"), last=Max("start_date")),
        TrainingRecord.objects.aggregate(first=Min("date"), last=Max("date")),
        ChampionRecruitment.objects.aggregate(first=Min("date"), last=Max("date")),
        OrganisationEngagement.objects.aggregate(
            first=Min("first_engaged"), last=Max("first_engaged")
        ),
        CultureAssessment.objects.aggregate(first=Min("date"), last=Max("date")),
        # The spread of what works (reporting/rollups/spread.py).
        ChangeEntry.objects.aggregate(first=Min("published_on"), last=Max("published_on")),
        Adoption.objects.aggregate(first=Min("adopted_on"), last=Max("adopted_on")),
        Programme.objects.aggregate(first=Min("start_date"), last=Max("start_date")),
        ProgrammeMember.objects.aggregate(first=Min("joined_on"), last=Max("joined_on")),
        # Stories and the projects started from them (reporting/rollups/stories.py).
        _days_of(Story.objects.all(), "first_published_at"),
        _days_of(StoryReuse.objects.all(), "started_at"),
    ]
    firsts = [s["first"] for s in spans if s["first"]]
    if not firsts:
        return []
    return years_between(min(firsts), timezone.localdate())


def _run(kind: str, work: list[tuple[str, str]]) -> RollupRun:
    """Computes each year once for all its scopes and stores them in one transaction."""
    scopes_of: dict[str, list[str]] = {}
    for scope, year in work:
        scopes_of.setdefault(year, []).append(scope)
    run = RollupRun.objects.create(kind=kind, scopes_total=len(work))
    _close_dead_runs(besides=run)
    done = 0
    try:
        for year, scopes in scopes_of.items():
            _store(year, scopes, compute_year(year))
            done += len(scopes)
            RollupRun.objects.filter(pk=run.pk).update(
                scopes_done=done, heartbeat_at=timezone.now()
            )
    except Exception as error:
        RollupRun.objects.filter(pk=run.pk).update(error=str(error)[:2000])
        raise
    RollupRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _close_dead_runs(besides: RollupRun) -> None:
    """Records as stopped the runs that will never finish because their worker died (kill -9,
    a lost machine) before it could write an end. This run holds the run lock on PostgreSQL, so
    every other unfinished run there is one; elsewhere, those silent for too long."""
    dead = RollupRun.objects.filter(finished_at=None, error="").exclude(pk=besides.pk)
    if connection.vendor != "postgresql":
        dead = dead.filter(heartbeat_at__lt=silent_since())
    if closed := dead.update(error=WORKER_DIED):
        logger.warning("Rollup: %d unfinished run(s) closed; their worker had died", closed)


WORKER_DIED = "Its worker stopped before the run finished (the next run starts afresh)."
# What an incremental run answers when another run holds the lock.
BUSY = "busy"
# A PostgreSQL advisory lock: one run at a time, of either kind, across every worker, so two
# runs never write the same figures at once.
RUN_LOCK = 7_301


@contextmanager
def _only_run(*, wait: bool):
    """Holds the run lock for the block; without `wait`, yields False at once when another run
    has it. SQLite serialises writers anyway, so there it always yields True."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {'pg_advisory_lock' if wait else 'pg_try_advisory_lock'}(%s)", [RUN_LOCK]
        )
        got = wait or cursor.fetchone()[0]
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [RUN_LOCK])


def rollup_full() -> RollupRun:
    """Recomputes every scope and year from the records; clears marks it has covered."""
    with _only_run(wait=True):
        return _rollup_full()


def _rollup_full() -> RollupRun:
    started = timezone.now()
    refresh_stale_measures()
    years = recorded_years()
    scopes = [NATIONAL, *Region.objects.order_by("slug").values_list("slug", flat=True)]
    run = _run(RollupRun.Kind.FULL, [(scope, year) for year in years for scope in scopes])
    RollupFigure.objects.exclude(financial_year__in=years).delete()
    FigureVersion.objects.exclude(financial_year__in=years).delete()
    clear_marks(Q(marked_at__lte=started))
    forget_marks_seen()
    return run


def rollup_incremental() -> RollupRun | None:
    """Recomputes the marked (region, year) pairs and the national figures of those years;
    with nothing marked it does nothing (the five-minute sweep is usually such a run). Runs
    never overlap: with another under way it answers BUSY."""
    with _only_run(wait=False) as mine:
        if not mine:
            return BUSY
        return _rollup_incremental()


def _rollup_incremental() -> RollupRun | None:
    refresh_stale_measures()  # may add marks of its own, read just below
    marks = list(PendingRollup.objects.order_by("financial_year", "scope"))
    if not marks:
        return None
    years = sorted({m.financial_year for m in marks})
    regions = {(m.financial_year, m.scope) for m in marks if m.scope != NATIONAL}
    work = [(scope, year) for year, scope in sorted(regions)]
    work += [(NATIONAL, year) for year in years]
    run = _run(RollupRun.Kind.INCREMENTAL, work)
    # Only a mark untouched since it was read is done; a newer change keeps it pending.
    done = Q()
    for mark in marks:
        done |= Q(pk=mark.pk, marked_at=mark.marked_at)
    clear_marks(done)
    forget_marks_seen()
    return run
