"""Moved: the scoped querysets live in the access policy, `regions.access`.

Kept only so modules that still import them from here keep working; import from regions.access.
"""

from regions.access import (  # noqa: F401
    change_ideas_visible_to,
    pdsa_cycles_visible_to,
    primary_drivers_visible_to,
    secondary_drivers_visible_to,
)
