"""The behaviour every API view shares: body cap, statement timeout, Idempotency-Key.

Viewsets inherit `ApiView` first: `class ProjectViewSet(ApiView, mixins..., GenericViewSet)`.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

from core import routing
from core.api import idempotency
from core.api.errors import PayloadTooLarge, error_body


def _body_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def check_body_size(request) -> None:
    limit = settings.API_MAX_BODY_BYTES
    if _body_length(request) > limit:
        raise PayloadTooLarge(
            f"The request body is larger than {limit:,} bytes. Send at most 10,000 points a "
            f"request and split bigger batches."
        )


@contextmanager
def statement_timeout():
    """Caps each query of an API request on PostgreSQL, so one expensive filter cannot hold a
    connection; the connection's default is restored afterwards (connections are reused)."""
    milliseconds = settings.API_STATEMENT_TIMEOUT_MS
    if connection.vendor != "postgresql" or not milliseconds:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [int(milliseconds)])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except DatabaseError:  # an aborted transaction: its rollback resets the setting
            pass


class ApiView:
    """Mixed into every API view before DRF's own classes."""

    _claim = None
    # Read-only endpoints read by many (the figures) set this: their GETs read the replica.
    reads_from_replica = False
    _replica_token = None

    def dispatch(self, request, *args, **kwargs):
        with statement_timeout():
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        """DRF's own steps, with throttles before permissions so that refused and anonymous
        callers use up their allowance too; then the body cap and the Idempotency-Key."""
        check_body_size(request)
        self.format_kwarg = self.get_format_suffix(**kwargs)
        request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(
            request
        )
        request.version, request.versioning_scheme = self.determine_version(
            request, *args, **kwargs
        )
        self.perform_authentication(request)
        if self.reads_from_replica and request.method in routing.SAFE_METHODS:
            self._replica_token = routing.start_reading_from_replica(request.user)
        self.check_throttles(request)
        self.check_permissions(request)
        self._claim = idempotency.claim(request)

    def handle_exception(self, exc):
        if isinstance(exc, idempotency.Replay):
            return exc.response
        try:
            return super().handle_exception(exc)
        except Exception:
            idempotency.release(self._claim)
            raise

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Answers are per caller and often private: no browser or proxy keeps a copy.
        response.setdefault("Cache-Control", "no-store")
        idempotency.finish(self._claim, response)
        self._claim = None
        if self._replica_token is not None:
            routing.stop_reading_from_replica(self._replica_token)
            self._replica_token = None
        return response


@csrf_exempt  # nothing here reads or writes anything
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in the API's error format, not a page."""
    detail = f"There is no API endpoint at {request.path}."
    if not request.path.endswith("/") and _resolves(request.path + "/"):
        detail += f" Did you mean {request.path}/ (with a slash at the end)?"
    detail += " The endpoints are listed at /api/v1/docs/."
    return JsonResponse(
        error_body(404, "not_found", detail), status=404, headers={"Cache-Control": "no-store"}
    )


def _resolves(path: str) -> bool:
    try:
        return resolve(path).url_name != "api-not-found"
    except Resolver404:
        return False
