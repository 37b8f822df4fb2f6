"""Takes over the Idempotency-Key table that regions' migration 0006 renamed; on a new database
that migration has just created and renamed it, so there is nothing to do but record the model."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("regions", "0006_idempotent_requests_move_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="IdempotentRequest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=255)),
                        ("method", models.CharField(max_length=8)),
                        ("path", models.CharField(max_length=500)),
                        ("body_hash", models.CharField(
                            help_text="SHA-256 of method, path and body.", max_length=64)),
                        ("status", models.PositiveSmallIntegerField(
                            blank=True, null=True,
                            help_text="Empty while the first request is still running.")),
                        ("response_body", models.TextField(blank=True)),
                        ("created", models.DateTimeField(default=django.utils.timezone.now)),
                        ("user", models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE, related_name="+",
                            to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "indexes": [models.Index(fields=["created"],
                                                 name="idempotent_request_created")],
                        "constraints": [models.UniqueConstraint(
                            fields=("user", "key"), name="idempotent_request_once")],
                    },
                ),
            ],
        ),
    ]
