"""A request id on every log line of a request, and of the Celery tasks the request sends.

The id is the load balancer's X-Request-ID when it sends a sane one, else a new one; responses
carry it back, so a user's "it failed at 10:02" can be found in the logs of the web process and
of the worker that refreshed the chart afterwards. Log records get it as `request_id` ("-" outside
a request or task), whatever logger made them.
"""

import logging
import re
import uuid
from contextvars import ContextVar

import sentry_sdk
from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
NONE = "-"
current: ContextVar[str] = ContextVar("request_id", default=NONE)
_SANE = re.compile(r"[A-Za-z0-9._:-]{8,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get(HEADER, "")
        request.request_id = supplied if _SANE.fullmatch(supplied) else uuid.uuid4().hex
        token = current.set(request.request_id)
        sentry_sdk.set_tag("request_id", request.request_id)  # a no-op without SENTRY_DSN
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """For the handlers: records made before the factory below was installed get it too."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current.get()
        return True


def install_log_record_factory() -> None:
    """Every log record gets `request_id` (so formats may name it, and tests' caplog sees it)."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "adds_request_id", False):
        return

    def record_with_request_id(*args, **kwargs):
        record = make_record(*args, **kwargs)
        record.request_id = current.get()
        return record

    record_with_request_id.adds_request_id = True
    logging.setLogRecordFactory(record_with_request_id)


@before_task_publish.connect(dispatch_uid="request-id-to-task")
def _send_with_task(headers=None, **kwargs):
    if headers is not None and current.get() != NONE:
        headers.setdefault("request_id", current.get())


@task_prerun.connect(dispatch_uid="request-id-in-task")
def _adopt_in_task(task=None, **kwargs):
    """In a worker, the task's log lines carry the id of the request that sent it. (A task run
    in-process, eagerly, is already inside that request.)"""
    if task is None or task.request.is_eager:
        return
    request_id = getattr(task.request, "request_id", None) or NONE
    task.request.request_id_token = current.set(request_id)


@task_postrun.connect(dispatch_uid="request-id-after-task")
def _forget_after_task(task=None, **kwargs):
    token = getattr(task.request, "request_id_token", None) if task else None
    if token is not None:
        current.reset(token)
