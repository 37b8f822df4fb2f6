"""A measure's data as CSV or XLSX from its page (measurement/downloads.py builds the files)."""

from django.http import Http404

from core.lookup import visible_or_404
from measurement import access
from measurement.downloads import FORMATS, download_response


def measure_data(request, pk, file_format):
    if file_format not in FORMATS:
        raise Http404("A measure's data comes as .csv or .xlsx.")
    measure = visible_or_404(
        access.measures_visible_to(request.user).select_related("project"),
        f"There is no measure with the id {pk}.",
        pk=pk,
    )
    return download_response(measure, file_format)
