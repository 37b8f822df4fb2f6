"""Putting generated rows in the database: COPY on PostgreSQL, executemany on SQLite.

Rows carry explicit ids (so they can refer to each other before anything is written); afterwards
PostgreSQL's identity sequences are moved past them. No history rows, signals or pending marks
are written: the data arrives as if it had always been there, with its analysis up to date.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from demo.scale.rows import Table
from measurement.models import (
    DataPoint,
    Event,
    Measure,
    QuarterState,
    Rebase,
    SeenSignal,
    StandardMeasure,
)
from projects.models import (
    CareSetting,
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    ProgressScore,
    Project,
    ProjectMember,
    SecondaryDriver,
    StatusChange,
)
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    Organisation,
    OrganisationEngagement,
    Region,
    TrainingRecord,
    User,
)

MODELS = {
    "organisation": Organisation,
    "user": User,
    "user_regions": User.led_regions.through,
    "project": Project,
    "project_member": ProjectMember,
    "status_change": StatusChange,
    "progress_score": ProgressScore,
    "project_orgs": Project.organisations.through,
    "project_settings": Project.care_settings.through,
    "project_regions": Project.participating_regions.through,
    "primary_driver": PrimaryDriver,
    "secondary_driver": SecondaryDriver,
    "change_idea": ChangeIdea,
    "idea_links": ChangeIdea.secondary_drivers.through,
    "pdsa_cycle": PDSACycle,
    "training": TrainingRecord,
    "champions": ChampionRecruitment,
    "engagement": OrganisationEngagement,
    "culture": CultureAssessment,
    "measure": Measure,
    "rebase": Rebase,
    "event": Event,
    "quarter_state": QuarterState,
    "seen_signal": SeenSignal,
    "data_point": DataPoint,
}
# --replace empties every table of these apps except the reference data and the users.
WIPED_APPS = ("regions", "projects", "measurement", "learning")
KEPT_MODELS = (Region, User, CareSetting, StandardMeasure)
SCALE_USERNAMES = "scale."


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def first_ids() -> dict[str, int]:
    """The first free id of every table the generator writes."""
    return {
        key: (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        for key, model in MODELS.items()
    }


def _sqlite_value(value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write(table: Table) -> int:
    if table.rows:
        write_rows(table.key, table.columns, table.rows)
    return len(table.rows)


def write_rows(key: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    db_table, names = MODELS[key]._meta.db_table, ", ".join(columns)
    with connection.cursor() as cursor:
        if is_postgres():
            with cursor.copy(f"COPY {db_table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {db_table} ({names}) VALUES ({marks})",
                [tuple(_sqlite_value(v) for v in row) for row in rows],
            )


def write_text(key: str, columns: tuple[str, ...], text: bytes) -> None:
    """COPY rows already formatted as PostgreSQL's text format (the data points)."""
    db_table, names = MODELS[key]._meta.db_table, ", ".join(columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {db_table} ({names}) FROM STDIN") as copy,
    ):
        copy.write(text)


def fast_session() -> None:
    """On PostgreSQL: commits need not wait for the disk (a crash loses a throwaway dataset,
    nothing else), and, for a superuser, foreign keys are not re-checked row by row: the
    generator writes every referenced row first."""
    if not is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET session_replication_role = replica")


def normal_session() -> None:
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("RESET session_replication_role")
            cursor.execute("RESET synchronous_commit")


def finish() -> None:
    """Moves PostgreSQL's id sequences past the explicit ids and refreshes planner statistics."""
    if not is_postgres():
        return
    models = list({model for model in MODELS.values()})
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        cursor.execute("ANALYZE")


def _wiped_models() -> list:
    kept = {model._meta.db_table for model in KEPT_MODELS}
    kept |= {field.remote_field.through._meta.db_table for field in User._meta.many_to_many}
    return [
        model
        for label in WIPED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.db_table not in kept
    ]


def wipe() -> None:
    """Empties the generator's tables (and everything else of these apps but the reference
    data), then deletes the users a previous run made."""
    existing = set(connection.introspection.table_names())
    tables = [
        model._meta.db_table for model in _wiped_models() if model._meta.db_table in existing
    ]  # a model may still await its migration
    with transaction.atomic(), connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
    User.objects.filter(username__startswith=SCALE_USERNAMES).delete()
