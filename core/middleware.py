"""Pages answer a database too busy to take a change, or gone for a moment, with "try again"
(503), never a 500."""

from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import render

from core.transactions import RETRY_AFTER_SECONDS, is_connection_lost, is_transient


class BusyDatabaseMiddleware:
    """A deadlock or serialization failure that outlasted the service's retries, or a lost
    database connection: a 503 page saying to send it again (the API answers the same with
    its JSON 503s, core/api/errors.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_transient(exception):
            lost = False
        elif is_connection_lost(exception):
            lost = True
        else:
            return None
        try:
            response = render(request, "busy.jinja", {"connection_lost": lost}, status=503)
        except DatabaseError:  # the page frame needed the database too: say it plainly
            response = HttpResponse(
                "The service is busy and your change was not saved. Try again in a few seconds.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
