"""Activity record pages: a region's overview, then per kind a list with the year's totals, add,
change and delete forms, and CSV upload with its template.

Reads go through `regions.activity.selectors` (scoped by `regions.access`); writes through
`regions.activity.services`, which check permission again. Forbidden writes are refused before
a form is read, with the 403 page saying who may make them.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import capfirst

from core.fiscal import financial_year
from core.lookup import visible_or_404
from core.wording import plural
from regions import access
from regions.activity import csv_import, presenters, selectors, services
from regions.activity.forms import FORMS, UploadForm, YearFilterForm
from regions.activity.kinds import Kind, kind_named

RECORDS_PER_PAGE = 50


def _region(request, slug):
    return visible_or_404(
        access.regions_visible_to(request.user),
        f"There is no regional collaborative called '{slug}'.",
        slug=slug,
    )


def _kind(slug: str) -> Kind:
    try:
        return kind_named(slug)
    except LookupError as error:
        raise Http404(str(error)) from None


def _record(request, region, kind: Kind, pk: int):
    record = selectors.record_in_region(request.user, kind, region, pk)
    if record is None:
        raise Http404(f"{region.name} has no {kind.noun} with the id {pk}.")
    return record


def _list_href(region, kind: Kind, year: str = "") -> str:
    href = reverse("activity:list", args=[region.slug, kind.slug])
    return f"{href}?{urlencode({'year': year})}" if year else href


def _base(region, kind: Kind | None = None, *, on_list: bool = False) -> dict:
    overview_href = reverse("activity:overview", args=[region.slug])
    list_href = _list_href(region, kind) if kind else ""
    return {
        "region": region,
        "kind": kind,
        "list_href": list_href,
        "breadcrumbs": presenters.breadcrumbs(
            region, overview_href if kind else "", "" if on_list else list_href, kind
        ),
    }


def overview(request, slug):
    region = _region(request, slug)
    year = selectors.current_year(timezone.localdate())
    rows = presenters.overview_rows(region.slug, selectors.overview(request.user, region, year))
    return render(
        request,
        "activity/overview.jinja",
        {
            **_base(region),
            "rows": rows,
            "year": year,
            "may_write": access.can_write_region_records(request.user, region),
        },
    )


def record_list(request, slug, kind):
    region, kind = _region(request, slug), _kind(kind)
    records = selectors.records_visible_to(request.user, kind, region)
    years = selectors.years_with_records(records, kind, timezone.localdate())
    year_form = YearFilterForm(request.GET, years=years)
    year = year_form.chosen_year()
    records = selectors.in_year(records, kind, year)
    page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    may_write = access.can_write_region_records(request.user, region)
    return render(
        request,
        "activity/record_list.jinja",
        {
            **_base(region, kind, on_list=True),
            "year": year,
            "year_form": year_form,
            "page": page,
            "query_string": urlencode({"year": year}) if year else "",
            "table": presenters.table(kind, page.object_list, region.slug, may_write),
            "totals": presenters.totals_table(kind, selectors.totals(records, kind)),
            "introduction": presenters.INTRODUCTION[kind],
            "may_write": may_write,
        },
    )


def _form_page(request, region, kind: Kind, form, heading: str):
    return render(
        request,
        "activity/record_form.jinja",
        {
            **_base(region, kind),
            "form": form,
            "heading": heading,
            "overrides": presenters.field_overrides(kind),
        },
    )


def record_create(request, slug, kind):
    region, kind = _region(request, slug), _kind(kind)
    services.check_may_write(request.user, region)
    form = FORMS[kind.slug](request.POST or None, region=region, user=request.user)
    if request.method == "POST" and form.is_valid():
        record = services.creator_for(kind)(by=request.user, region=region, **form.record_fields())
        messages.success(request, f"{capfirst(presenters.describe(kind, record))} was added.")
        return redirect(_list_href(region, kind, financial_year(kind.date_of(record))))
    return _form_page(request, region, kind, form, f"Add {kind.a_noun}")


def record_update(request, slug, kind, pk):
    region, kind = _region(request, slug), _kind(kind)
    services.check_may_write(request.user, region)
    record = _record(request, region, kind, pk)
    heading = f"Change {presenters.describe(kind, record)}"  # before the form changes it
    form = FORMS[kind.slug](request.POST or None, instance=record, region=region, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.record_update(by=request.user, record=record, **form.record_fields())
        messages.success(request, f"{capfirst(presenters.describe(kind, record))} was updated.")
        return redirect(_list_href(region, kind, financial_year(kind.date_of(record))))
    return _form_page(request, region, kind, form, heading)


def record_delete(request, slug, kind, pk):
    region, kind = _region(request, slug), _kind(kind)
    services.check_may_write(request.user, region)
    record = _record(request, region, kind, pk)
    description = presenters.describe(kind, record)
    if request.method == "POST":
        services.record_delete(by=request.user, record=record)
        messages.success(request, f"{capfirst(description)} was deleted.")
        return redirect(_list_href(region, kind))
    return render(
        request,
        "activity/record_delete.jinja",
        {
            **_base(region, kind),
            "record": record,
            "description": description,
            "summary": presenters.summary(kind, record),
        },
    )


def csv_upload(request, slug, kind):
    region, kind = _region(request, slug), _kind(kind)
    services.check_may_write(request.user, region)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    checked = None
    if posted and form.is_valid():
        data = form.cleaned_data["file"].read(csv_import.MAX_BYTES + 1)
        checked = csv_import.import_csv(by=request.user, kind=kind, region=region, data=data)
        if checked.problem:
            form.add_error("file", checked.problem)
        elif checked.problems:
            form.add_error("file", _nothing_saved(len(checked.problems)))
        else:
            messages.success(
                request,
                f"The file is saved: {plural(checked.saved, kind.noun, kind.plural)} added.",
            )
            return redirect(_list_href(region, kind))
    return render(
        request,
        "activity/csv_upload.jinja",
        {
            **_base(region, kind),
            "form": form,
            "report": checked.problems if checked else [],
            "columns": presenters.csv_columns(kind),
            "csv_header": csv_import.header_for(kind),
            "template_href": reverse("activity:csv_template", args=[region.slug, kind.slug]),
        },
    )


def _nothing_saved(problems: int) -> str:
    return (
        f"Nothing was saved: the file has {plural(problems, 'problem')}. Fix "
        f"{'it' if problems == 1 else 'them'} and upload the file again"
    )


def csv_template(request, slug, kind):
    region, kind = _region(request, slug), _kind(kind)
    response = HttpResponse(csv_import.template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{region.slug}-{kind.slug}-template.csv"
    )
    return response
