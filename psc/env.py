"""Typed, loud readers for settings from the environment.

Every variable the settings read goes through these helpers, so `VARIABLES_READ` is the complete
list (a test checks docker-compose.yml passes only names that appear in it).
"""

import os

from django.core.exceptions import ImproperlyConfigured

VARIABLES_READ: set[str] = set()


def env_str(name: str, default: str | None = None, *, required_hint: str | None = None) -> str:
    """The variable's value; `default` when unset; raises with `required_hint` when required."""
    VARIABLES_READ.add(name)
    value = os.environ.get(name)
    if value not in (None, ""):
        return value
    if required_hint is not None:
        raise ImproperlyConfigured(f"Set the environment variable {name}: {required_hint}")
    return default


def env_bool(name: str, default: bool) -> bool:
    """Only `true` or `false` (any case): a typo must not silently mean either."""
    raw = env_str(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {raw!r}.")
    return lowered == "true"


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list, e.g. ALLOWED_HOSTS=psc.example.nhs.uk,localhost."""
    raw = env_str(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
