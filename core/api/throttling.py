"""Throttles: each token has its own allowance; signed-in browsers one per user; anonymous
callers one per address. Rates come from settings (API_THROTTLE_RATE, API_ANON_THROTTLE_RATE)
and are read on every request, so a test can change them."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class _Rate(SimpleRateThrottle):
    setting: str

    def get_rate(self):
        return getattr(settings, self.setting)


class TokenRateThrottle(_Rate):
    """Per token for partners (request.auth is their token), per user for browser sessions."""

    scope = "token"
    setting = "API_THROTTLE_RATE"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        token_key = getattr(request.auth, "token_key", None)
        ident = f"token-{token_key}" if token_key else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_Rate):
    scope = "anon"
    setting = "API_ANON_THROTTLE_RATE"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
