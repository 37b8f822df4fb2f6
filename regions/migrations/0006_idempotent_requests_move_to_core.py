"""The Idempotency-Key table belongs to the shared API plumbing (core): the table is renamed,
its rows kept, and core's first migration takes the model over (ADR 0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0005_rollup_run_finished_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("IdempotentRequest", "core_idempotentrequest"),
            ],
            state_operations=[migrations.DeleteModel("IdempotentRequest")],
        ),
    ]
