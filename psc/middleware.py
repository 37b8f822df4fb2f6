from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpResponse


class PagesNeedSignInMiddleware(LoginRequiredMiddleware):
    """Pages redirect anonymous visitors to sign in; the API answers 401/403 itself instead,
    since partners authenticate with tokens, not sessions."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        response = super().handle_no_permission(request, view_func)
        if request.headers.get("HX-Request"):
            # An htmx swap would put the sign-in page inside the row: send the browser there.
            return HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response
