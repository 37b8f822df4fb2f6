"""Small counts in public tables: a count below settings.PUBLIC_SMALL_COUNT_THRESHOLD (default 5)
could let someone who knows the ward tell who the patients were, so the public archive shows it as
"fewer than 5" (with the threshold the settings give)."""

from django.conf import settings


def threshold() -> int:
    return settings.PUBLIC_SMALL_COUNT_THRESHOLD


def is_small(n: float | None) -> bool:
    """A count below the threshold (zero included: the rule is the same for every count)."""
    return n is not None and n < threshold()


def shown_count(n: float) -> str:
    """'fewer than 5' below the threshold, else the count with thousands separators ('1,250')."""
    if is_small(n):
        return f"fewer than {threshold()}"
    if float(n).is_integer():
        return f"{int(n):,}"
    return f"{n:,}"
