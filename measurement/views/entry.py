# Weekly data entry is being built (grid, CSV upload, events); these answer 501 until it lands.
from django.http import HttpResponse


def _pending(request, *args, **kwargs):
    return HttpResponse("Data entry is not available yet.", status=501)


my_measures = event_entry = csv_upload = csv_template = project_grid = grid_row_save = _pending
