"""API plumbing shared by every app's endpoints: one error format (errors), pagination,
filtering, throttles, idempotency, the body cap and statement timeout (views), and the OpenAPI
description (schema). Apps keep their own serializers, views and URLs in `<app>/api/`."""

from core.api.errors import exception_handler, rejected_batch

__all__ = ["exception_handler", "rejected_batch"]
