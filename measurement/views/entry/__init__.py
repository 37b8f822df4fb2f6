"""Data entry: my measures, the project grid (one small form per period), CSV upload and its
template, and rare events.

Every form works as a plain POST then redirect. Reads go through `regions.access`; writes through
`measurement.services`, which check permission again. measurement/urls.py names the views here.
"""

from measurement.views.entry.events import event_entry
from measurement.views.entry.grid import grid_row_save, project_grid
from measurement.views.entry.my_measures import my_measures
from measurement.views.entry.upload import csv_template, csv_upload

__all__ = [
    "csv_template",
    "csv_upload",
    "event_entry",
    "grid_row_save",
    "my_measures",
    "project_grid",
]
