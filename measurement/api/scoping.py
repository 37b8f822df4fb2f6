"""Moved: the scoped querysets live in the access policy, `regions.access`.

Kept only so modules that still import them from here keep working (measurement/api/data.py and
serializers.py); import from regions.access. `has_data` is a question about a measure, not about
who may see it: it lives with the measure services.
"""

from measurement.services.measures import has_data  # noqa: F401
from regions.access import data_points_visible_to  # noqa: F401
from regions.access import standard_measures_visible_to as standards_for  # noqa: F401
