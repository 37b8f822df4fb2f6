"""What the API keeps for itself: the first answer to each Idempotency-Key."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotentRequest(models.Model):
    """A partner's retry with the same Idempotency-Key gets this stored answer instead of
    applying the request twice. Keys belong to a user; rows expire after a day
    (core/api/idempotency.py)."""

    key = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    body_hash = models.CharField(max_length=64, help_text="SHA-256 of method, path and body.")
    status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty while the first request is still running."
    )
    response_body = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    claimed_by = models.PositiveIntegerField(
        null=True, blank=True, help_text="PostgreSQL backend of the request that claimed it."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotent_request_once"),
        ]
        indexes = [models.Index(fields=["created"], name="idempotent_request_created")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}]"
