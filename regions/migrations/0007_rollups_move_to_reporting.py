"""The national figures and their bookkeeping belong to the reporting app: the three tables are
renamed with their rows, so an existing database shows the same figures without a rebuild, and
reporting's first migration takes the models over (ADR 0007)."""

from django.db import migrations

MOVED = {
    "RollupFigure": "reporting_rollupfigure",
    "PendingRollup": "reporting_pendingrollup",
    "RollupRun": "reporting_rolluprun",
}


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0006_idempotent_requests_move_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(model, table) for model, table in MOVED.items()
            ],
            state_operations=[migrations.DeleteModel(model) for model in MOVED],
        ),
    ]
