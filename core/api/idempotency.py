"""Idempotency-Key: a retried write returns the first answer instead of applying twice.

The first request with a key claims it by inserting a row (unique per user and key) before it
runs, and stores its answer when it finishes. A retry with the same key and the same request
gets that answer back; the same key with a different method, path or body is a 409, and so is
a retry while the first is still running. Server errors release the key so the client may
retry. A claim with no answer belongs to a request that died with its process or its database
connection, which could not release it, when the database session that made the claim has ended
(PostgreSQL), or after CLAIM_ABANDONED_AFTER in any case (gunicorn gives up on a request after
60 s): the next retry takes the key over and runs, so exactly one copy is written.
Keys expire after IDEMPOTENCY_TTL.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpResponse, RawPostDataException
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from core.api.errors import Conflict
from core.models import IdempotentRequest

logger = logging.getLogger(__name__)
HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_TTL = timedelta(hours=24)
CLAIM_ABANDONED_AFTER = timedelta(minutes=2)
MAX_KEY_LENGTH = 255
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class Replay(Exception):
    """Raised to answer with the stored response; the view returns it as it stands."""

    def __init__(self, response: HttpResponse):
        super().__init__("replayed")
        self.response = response


@dataclass
class Claim:
    row: IdempotentRequest


def _body_hash(request) -> str:
    try:
        body = request._request.body
    except RawPostDataException:  # a parser already read the stream: hash what it parsed
        body = repr(request.data).encode()
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), body):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None or request.method not in UNSAFE_METHODS:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationError(
            {HEADER: [f"Give a key of 1 to {MAX_KEY_LENGTH} printable characters, e.g. a UUID"]}
        )
    return key


def claim(request) -> Claim | None:
    """Claims the request's key, or raises Replay / Conflict; None when there is no key."""
    key = _key(request)
    if key is None or not request.user.is_authenticated:
        return None
    body_hash = _body_hash(request)
    expired = timezone.now() - IDEMPOTENCY_TTL
    IdempotentRequest.objects.filter(created__lt=expired).delete()  # indexed; usually none
    try:
        with transaction.atomic():
            row = IdempotentRequest.objects.create(
                key=key,
                user=request.user,
                method=request.method,
                path=request.path[:500],
                body_hash=body_hash,
                claimed_by=_database_session(),
            )
    except IntegrityError:
        row = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if row is None or _took_over(row, body_hash):  # released or abandoned: claim it anew
            return claim(request)
        _answer_existing(row, body_hash)
    return Claim(row=row)


def _took_over(row: IdempotentRequest, body_hash: str) -> bool:
    """Removes the claim of the same request if it was abandoned; True if this call removed it
    (of two retries at once, one removes it and the other then finds the new claim)."""
    if row.status is not None or row.body_hash != body_hash:
        return False
    if row.created >= timezone.now() - CLAIM_ABANDONED_AFTER and _session_alive(row):
        return False
    removed, _ = IdempotentRequest.objects.filter(
        pk=row.pk, status__isnull=True, created=row.created
    ).delete()
    return bool(removed)


def _database_session() -> int | None:
    """This request's PostgreSQL backend: while it lives, so may the request that claimed."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def _session_alive(row: IdempotentRequest) -> bool:
    """Whether the database session that made the claim may still be running its request.
    (A connection pooler in transaction mode would hide this; the age rule still applies.)"""
    if row.claimed_by is None:
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE pid = %s AND backend_start <= %s",
            [row.claimed_by, row.created],
        )
        return cursor.fetchone() is not None


def _answer_existing(row: IdempotentRequest, body_hash: str) -> None:
    if row.body_hash != body_hash:
        raise Conflict(
            f"The {HEADER} “{row.key}” was used for a different request "
            f"({row.method} {row.path}); use a new key for a new request."
        )
    if row.status is None:
        raise Conflict(
            f"A request with the {HEADER} “{row.key}” is still being processed; "
            "retry once it has finished."
        )
    response = HttpResponse(row.response_body, status=row.status, content_type="application/json")
    response[REPLAYED_HEADER] = "true"
    raise Replay(response)


def finish(claimed: Claim | None, response) -> None:
    """Stores the answer to replay; a server error releases the key instead."""
    if claimed is None:
        return
    if response.status_code >= 500:
        release(claimed)
        return
    data = getattr(response, "data", None)
    body = JSONRenderer().render(data).decode() if data is not None else ""
    try:
        IdempotentRequest.objects.filter(pk=claimed.row.pk).update(
            status=response.status_code, response_body=body
        )
    except DatabaseError:  # the answer stands; a retry finds the claim abandoned and re-runs
        logger.warning("Idempotency: the answer to %s was not stored", claimed.row, exc_info=True)


def release(claimed: Claim | None) -> None:
    """Frees the key for a retry. Without a database to do it, the claim is left to be taken
    over once its session has ended (above)."""
    if claimed is None:
        return
    try:
        IdempotentRequest.objects.filter(pk=claimed.row.pk).delete()
    except DatabaseError:
        logger.warning("Idempotency: the claim on %s was not released", claimed.row)
