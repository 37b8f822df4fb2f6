from csp.middleware import CSPMiddleware
from django.conf import settings
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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one policy for SVG files (charts, driver diagrams).

    matplotlib styles an SVG file with a <style> element and style attributes, which the pages'
    policy would block when someone opens the file itself, drawing it black. Such a document
    may style itself but may load and run nothing, so it is safe to show. Inline SVG in pages
    is written without styles instead (core/svg.py); a view's own csp decorators still win.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        is_svg = response.get("Content-Type", "").startswith("image/svg+xml")
        if is_svg and not report_only and parts.config is None:
            parts.config = settings.CONTENT_SECURITY_POLICY_SVG_FILES
        return parts


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy: the browser features the service never uses are turned off,
    for its pages and anything that might ever be framed in them (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
