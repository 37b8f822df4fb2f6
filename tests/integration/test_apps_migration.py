"""A database from before the apps by layer (ADR 0007) migrates forward with its figures: the
rollup and Idempotency-Key tables move to reporting and core with their rows, so the dashboards
show the same figures without a rebuild."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import IdempotentRequest
from reporting.models import PendingRollup, RollupFigure, RollupRun
from reporting.rollups import read

# The leaf migrations of main before the move.
BEFORE = [
    ("regions", "0005_rollup_run_finished_index"),
    ("projects", "0003_created_by_set_by_service"),
    ("measurement", "0005_quarter_state_indexes"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_keeps_its_figures_runs_marks_and_keys(fifteen_regions):
    old = _migrate(BEFORE)
    user = old.get_model("regions", "User").objects.create(username="partner")
    old.get_model("regions", "RollupFigure").objects.bulk_create([
        old.get_model("regions", "RollupFigure")(
            scope=scope, financial_year="2016-17", quarter=0, metric=metric, value=value)
        for scope, metric, value in [("national", "staff_trained.total", 10150),
                                     ("national", "projects_started", 451),
                                     ("wessex", "projects_started", 30)]
    ])  # fmt: skip
    old.get_model("regions", "RollupRun").objects.create(kind="full", scopes_total=2)
    old.get_model("regions", "PendingRollup").objects.create(
        scope="wessex", financial_year="2016-17"
    )
    old.get_model("regions", "IdempotentRequest").objects.create(
        key="k-1",
        user=user,
        method="POST",
        path="/api/v1/projects/",
        body_hash="0" * 64,
        status=201,
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert read.figures("national", "2016-17")["projects_started"] == 451
    assert read.figures("national", "2016-17")["staff_trained"]["total"] == 10150
    assert read.flat_figures("wessex", "2016-17") == {"projects_started": 30}
    assert RollupFigure.objects.count() == 3
    assert RollupRun.objects.get().scopes_total == 2
    assert PendingRollup.objects.get().scope == "wessex"
    assert IdempotentRequest.objects.get().key == "k-1"
