"""Takes over the rollup tables that regions' migration 0007 renamed (on a new database it has
just created and renamed them), so there is nothing to do but record the models."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("regions", "0007_rollups_move_to_reporting"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="RollupFigure",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("scope", models.CharField(max_length=64)),
                        ("financial_year", models.CharField(max_length=7)),
                        ("quarter", models.PositiveSmallIntegerField(
                            help_text="1 to 4, or 0 for the whole year.")),
                        ("metric", models.CharField(max_length=80)),
                        ("value", models.FloatField()),
                    ],
                    options={
                        "constraints": [models.UniqueConstraint(
                            fields=("scope", "financial_year", "quarter", "metric"),
                            name="rollup_figure_once")],
                    },
                ),
                migrations.CreateModel(
                    name="PendingRollup",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("scope", models.CharField(max_length=64)),
                        ("financial_year", models.CharField(max_length=7)),
                        ("marked_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "constraints": [models.UniqueConstraint(
                            fields=("scope", "financial_year"), name="pending_rollup_once")],
                    },
                ),
                migrations.CreateModel(
                    name="RollupRun",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("full", "Full rebuild"),
                                                           ("incremental", "Incremental")],
                                                  max_length=16)),
                        ("started_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, db_index=True,
                                                             null=True)),
                        ("scopes_done", models.PositiveIntegerField(default=0)),
                        ("scopes_total", models.PositiveIntegerField(default=0)),
                        ("error", models.TextField(blank=True)),
                    ],
                    options={"ordering": ["-started_at"]},
                ),
            ],
        ),
    ]
