"""The SPC analysis as it was before it was made faster (measurement/spc at commit d32d46c).

The oracle for tests/unit/measurement/test_spc_same_as_before.py: the faster analysis must give
exactly these results on any data. Never change these modules; delete them with that test once
nobody needs the comparison.
"""

from .analysis import analyse

__all__ = ["analyse"]
