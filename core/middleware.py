"""Pages answer a database too busy to take a change as "try again", never a 500."""

from django.shortcuts import render

from core.transactions import RETRY_AFTER_SECONDS, is_transient


class BusyDatabaseMiddleware:
    """A deadlock or serialization failure that outlasted the service's retries (the API
    answers the same with its JSON 503, core/api/errors.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_transient(exception):
            return None
        response = render(request, "busy.jinja", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
