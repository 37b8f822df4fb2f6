from django.contrib.auth.middleware import LoginRequiredMiddleware


class PagesNeedSignInMiddleware(LoginRequiredMiddleware):
    """Pages redirect anonymous visitors to sign in; the API answers 401/403 itself instead,
    since partners authenticate with tokens, not sessions."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
