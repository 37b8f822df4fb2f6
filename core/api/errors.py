"""One JSON error format for every API response that is not a success.

    {"status": 400, "code": "invalid", "detail": "The request has invalid fields.",
     "errors": [{"field": "lead_region", "code": "does_not_exist", "message": "..."}]}

Service-layer exceptions (Django's) are mapped to their HTTP meaning here, so services stay free
of HTTP and every endpoint answers a refusal the same way.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError, IntegrityError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.transactions import RETRY_AFTER_SECONDS, is_connection_lost, is_transient

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class StatementTimeout(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = (
        "The request took too long and was stopped. Ask for fewer rows "
        "(a smaller page_size or a narrower filter) and try again."
    )
    default_code = "statement_timeout"


class Busy(exceptions.APIException):
    """A deadlock or serialization failure that outlasted the retries: nothing was written."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = (
        "The service is busy with other changes to the same records and nothing was saved. "
        "Send the request again in a few seconds (the same Idempotency-Key is safe)."
    )
    default_code = "busy"


class DatabaseUnavailable(exceptions.APIException):
    """The database connection broke during the request. Its transaction was rolled back,
    unless the break came as it committed, when the client cannot be told which: the retry with
    the same key settles it either way (writes are upserts, applied once)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = (
        "The service lost its database connection before it could confirm the change. Send "
        "the request again in a few seconds with the same Idempotency-Key: it is then applied "
        "exactly once."
    )
    default_code = "database_unavailable"


class ServerError(exceptions.APIException):
    status_code = status.HTTP_500_INTERNAL_SERVER_ERROR
    default_detail = (
        "Something went wrong on our side and nothing was saved. It has been logged; "
        "try again later, quoting the X-Request-ID header if it keeps happening."
    )
    default_code = "server_error"


def _field_errors(detail, prefix: str = "") -> list[dict]:
    """Flattens DRF's nested error detail into [{"field", "code", "message"}]."""
    if isinstance(detail, dict):
        return [
            e
            for key, value in detail.items()
            for e in _field_errors(value, _join(prefix, str(key)))
        ]
    if isinstance(detail, list):
        if detail and all(isinstance(item, dict) for item in detail):
            # A list of nested objects: name each by its position, e.g. points.3.period.
            return [
                e
                for index, item in enumerate(detail)
                if item
                for e in _field_errors(item, _join(prefix, str(index)))
            ]
        return [e for item in detail for e in _field_errors(item, prefix)]
    field = None if prefix in ("", "non_field_errors") else prefix
    return [
        {"field": field, "code": getattr(detail, "code", None) or "invalid", "message": str(detail)}
    ]


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            field: [
                exceptions.ErrorDetail(message, code=error.code or "invalid")
                for error in errors
                for message in error.messages
            ]
            for field, errors in exc.error_dict.items()
        }
    else:
        detail = {
            "non_field_errors": [
                exceptions.ErrorDetail(message, code=error.code or "invalid")
                for error in exc.error_list
                for message in error.messages
            ]
        }
    return exceptions.ValidationError(detail)


def _is_statement_timeout(exc: OperationalError) -> bool:
    return "statement timeout" in str(exc).lower()


def as_api_exception(exc):
    """Service-layer and database exceptions become their DRF equivalents."""
    if isinstance(exc, DjangoValidationError):
        return _validation_error(exc)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, IntegrityError):
        # A constraint the checks missed, usually two writers at once: retrying will tell.
        return Conflict(
            "The change clashes with a record saved at the same moment; read it again and retry."
        )
    if isinstance(exc, OperationalError) and _is_statement_timeout(exc):
        return StatementTimeout()
    if isinstance(exc, DatabaseError) and is_transient(exc):
        return Busy()
    if isinstance(exc, DatabaseError) and is_connection_lost(exc):
        return DatabaseUnavailable()
    return exc


def _code(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    codes = exc.get_codes() if isinstance(exc.detail, str) else None
    return codes if isinstance(codes, str) else exc.default_code


def _detail(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "The request has invalid fields."
    return str(exc.detail)


def error_body(status_code: int, code: str, detail: str, errors=()) -> dict:
    return {"status": status_code, "code": code, "detail": detail, "errors": list(errors)}


def exception_handler(exc, context):
    """Every error answers {"status", "code", "detail", "errors": [{field, code, message}]}, an
    unexpected one too (logged with its traceback, so Sentry reports it)."""
    original = exc
    exc = as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        request = context.get("request")
        logger.error(
            "Unhandled error in %s %s",
            getattr(request, "method", "?"),
            getattr(request, "path", "?"),
            exc_info=(type(original), original, original.__traceback__),
        )
        exc = ServerError()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Busy | DatabaseUnavailable):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    errors = _field_errors(exc.detail) if isinstance(exc, exceptions.ValidationError) else []
    response.data = error_body(response.status_code, _code(exc), _detail(exc), errors)
    return response


def rejected_batch(summary: dict) -> Response:
    """A batch refused whole: the import summary inside the error format, each rejected row
    also as an error item named by its position (points.3.period)."""
    count = len(summary["rejected"])
    errors = [
        {
            "field": f"points.{row['index']}.{row['field']}",
            "code": row["code"],
            "message": row["message"],
        }
        for row in summary["rejected"]
    ]
    rows = "1 row was" if count == 1 else f"{count} rows were"
    detail = (
        f"{rows} rejected, so nothing was saved. Correct them and send the batch again, "
        "or send it with ?partial=true to save the other rows."
    )
    body = error_body(status.HTTP_400_BAD_REQUEST, "rejected_rows", detail, errors)
    return Response({**body, **summary}, status=status.HTTP_400_BAD_REQUEST)
