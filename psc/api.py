"""API plumbing shared by every app's endpoints: one error format, and the v1 URL list."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _field_errors(detail, prefix: str = "") -> list[dict]:
    """Flattens DRF's nested error detail into [{"field", "code", "message"}]."""
    if isinstance(detail, dict):
        return [e for key, value in detail.items()
                for e in _field_errors(value, f"{prefix}.{key}" if prefix else str(key))]
    if isinstance(detail, list):
        return [e for item in detail for e in _field_errors(item, prefix)]
    return [{"field": prefix or None, "code": getattr(detail, "code", "invalid"),
             "message": str(detail)}]


def _as_drf(exc):
    """Service-layer exceptions (Django's) become their DRF equivalents."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors":
                                                                       exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    return exc


def exception_handler(exc, context):
    """Every error answers {"status", "code", "detail", "errors": [{field, code, message}]}."""
    exc = _as_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors = _field_errors(exc.detail) if isinstance(exc, exceptions.ValidationError) else []
    detail = exc.detail if isinstance(exc.detail, str) else "The request has invalid fields."
    response.data = {
        "status": response.status_code,
        "code": getattr(exc, "default_code", "error"),
        "detail": str(detail),
        "errors": errors,
    }
    return response


def rejected_batch(summary: dict) -> Response:
    return Response(summary, status=status.HTTP_400_BAD_REQUEST)
