"""The Making Data Count summary page and its CSV and XLSX files.

The same filters choose the rows of the page, the files and the API (reporting.api.mdc_summary):
the measures the reader may see, narrowed by region, programme, organisation, topic, variation
and assurance. htmx asks for the results alone when the filters change; without JavaScript the
form reloads the page.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from core.routing import reads_from_replica
from reporting.mdc_summary import files, matrix_of, page, summary_rows
from reporting.mdc_summary.filters import SummaryFilterForm, filtered_measures, query, sort_of
from reporting.mdc_summary.sorting import sort_rows


def read(request):
    """(form, chosen filters, sorted rows, the scope in words): what every view starts from."""
    form = SummaryFilterForm(request.GET, user=request.user)
    chosen = form.chosen()
    rows = sort_rows(summary_rows(filtered_measures(request.user, chosen)), sort_of(chosen))
    return form, chosen, rows, page.scope_words(chosen, _names(form, chosen))


def _names(form: SummaryFilterForm, chosen: dict[str, str]) -> dict[str, str]:
    names = {}
    for key in ("region", "programme"):
        if key in chosen:
            names[key] = dict(form.fields[key].choices)[chosen[key]]
    if "organisation" in chosen:
        names["organisation"] = chosen["organisation"]
    return names


@require_GET
@reads_from_replica
@vary_on_headers("HX-Request")
def summary(request):
    form, chosen, rows, scope = read(request)
    shown = page.page_of(rows, request.GET.get("page"))
    context = {
        "form": form,
        "scope": scope,
        "count": len(rows),
        "matrix": page.matrix_table(matrix_of(rows), chosen),
        "headings": page.table_headings(chosen),
        "page": shown,
        "rows": page.shown_rows(shown.object_list),
        "query_string": query(chosen, page="").removeprefix("?"),
        "downloads": page.download_links(chosen),
        "clear_href": request.path,
        "sort": chosen.get("sort", ""),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "dashboards/mdc/_results.jinja", context)
    return render(request, "dashboards/mdc/summary.jinja", context)


@require_GET
@reads_from_replica
def download(request, file_format):
    _, chosen, rows, scope = read(request)
    stem = "-".join(["mdc-summary", slugify(scope)[:80]])
    return files.response(rows, file_format, scope=scope, stem=stem)
