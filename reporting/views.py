"""The national and regional dashboards, their downloads and the admin's full refresh.

Every figure is read from the stored rollups (`reporting.rollups.read`), never aggregated from the
activity records here, so a page costs the same few queries however much work is recorded. The
regional page adds two small indexed queries for its portfolio and its measures.

Who sees what: every signed-in user sees England's figures; national users see every region's,
and a regional lead sees the regions they lead.
"""

from dataclasses import replace

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.lookup import refuse_unless, visible_or_404
from core.queueing import enqueue
from core.routing import reads_from_replica
from measurement import access as measurement_access
from measurement.spc.codes import Variation
from projects import access as projects_access
from projects.selectors import in_regions
from regions import access as regions_access
from regions.models import Region
from reporting import access, downloads, fragments, tasks
from reporting import charts as dashboard_charts
from reporting import presenters as present
from reporting.models import NATIONAL
from reporting.presenters import tile_map
from reporting.rollups import read

SIGNALS_PER_PAGE = 20
SIGNAL_VARIATIONS = (Variation.IMPROVEMENT, Variation.CONCERN)
# A region's project and measure lists: read again a minute after they were read, kept for
# five (what a request serves while one process reads them again).
WORK_FRESH_SECONDS = 60
WORK_CACHE_SECONDS = 300


def _viewer(user):
    """Whose lists these are: national users all see the same; anyone else sees their own."""
    return "national" if access.sees_every_region(user) else user.pk


def _detailed_regions(user) -> list[Region]:
    return list(access.regions_with_figures_visible_to(user))


def _filters(request, regions, scope: str = NATIONAL):
    """The stored years, and the filters asked for: by default the scope's latest year with
    records."""
    years, recorded = read.years_and_records(scope)
    filters = present.read_filters(
        request.GET,
        years=years,
        today=timezone.localdate(),
        region_slugs={region.slug for region in regions},
        with_records=recorded,
    )
    return years, filters


def _download_links(filters, scope: str) -> list[dict]:
    query = filters.query(region="")
    if scope != NATIONAL:
        query = f"{query}&scope={scope}" if query else f"?scope={scope}"
    return [
        {
            "text": text,
            "format": file_format,
            "href": reverse("dashboards:download", kwargs={"file_format": file_format}) + query,
        }
        for file_format, text in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"))
    ]


def _shared_context(*, scope: str, flat: dict, years, filters, regions) -> dict:
    """What both dashboards show: headline, tiles, breakdowns, trends, filters, last refresh."""
    values = present.scope_values(flat, filters.topic)
    series = read.quarterly_series(scope, dashboard_charts.metrics(filters.topic))
    trend_years = present.trend_years(years, filters.recorded)
    return {
        "years": years,
        "filters": filters,
        "period": present.period_label(filters.year, filters.quarter) if years else "",
        "topic": present.topic_label(filters.topic) if filters.topic else "",
        "filter_fields": present.filter_fields(filters, years=years, regions=regions),
        "values": values,
        "tiles": present.tiles(values, filters),
        "organisation_rows": present.organisation_rows(values),
        "training_rows": present.training_rows(values),
        "patients_note": present.patients_note(values),
        "charts": dashboard_charts.small_multiples(
            series,
            scope=scope,
            years=trend_years,
            topic=filters.topic,
            highlight=filters.year,
            today=timezone.localdate(),
        ),
        "downloads": _download_links(filters, scope),
        "spread": {
            "tiles": present.spread_tiles(values, filters),
            "sentences": present.spread_sentences(values, filters),
            "types": present.adoption_type_rows(values),
            "once": present.ONCE,
            "stories": {
                "tiles": present.story_tiles(values, filters),
                "sentences": present.story_sentences(values, filters),
                "note": present.STORIES_NOTE,
            },
        },
    }


def _table(by_scope: dict, regions, filters) -> dict:
    def row(name, scope, href):
        return present.table_row(
            name, href, present.scope_values(by_scope.get(scope, {}), filters.topic)
        )

    rows = [
        row(
            r.name,
            r.slug,
            reverse("dashboards:region", args=[r.slug]) + filters.query(region="", sort="region"),
        )
        for r in regions
    ]
    total = row("England", NATIONAL, "")
    return present.region_table(rows, total, filters, reverse("dashboards:national"))


def _figures_slot(scope: str, user, regions, years, filters) -> tuple:
    """Everything the figures fragment depends on besides the stored figures themselves."""
    return (
        scope,
        filters,
        years,
        tuple(region.slug for region in regions),
        access.sees_every_region(user),
        access.can_refresh_figures(user),
        timezone.localdate(),
    )


def _national_figures(user, regions, years, filters, map_choice=(tile_map.DEFAULT_FIGURE, "")):
    by_scope = read.figures_by_scope(filters.year, filters.quarter)
    context = _shared_context(
        scope=NATIONAL,
        flat=by_scope.get(NATIONAL, {}),
        years=years,
        filters=filters,
        regions=regions,
    )
    table = _table(by_scope, regions, filters)
    context.update(
        {
            "headline": present.headline_sentences("We", context["values"], filters),
            "table": table,
            "spread_table": {
                "columns": [label for _, label in present.SPREAD_TABLE_COLUMNS],
                "rows": present.spread_region_rows([(r.name, r.values) for r in table["rows"]]),
                "total": present.spread_region_rows([("England", context["values"])])[0],
                "stories": {
                    "columns": [label for _, label in present.STORY_TABLE_COLUMNS],
                    "rows": present.story_region_rows([(r.name, r.values) for r in table["rows"]]),
                    "total": present.story_region_rows([("England", context["values"])])[0],
                },
            },
            "sees_every_region": access.sees_every_region(user),
            "may_refresh": access.can_refresh_figures(user),
        }
    )
    if access.sees_every_region(user):
        figure, message = map_choice
        context["tile_map"] = tile_map.tile_map(
            table["rows"],
            {r.name: r.slug for r in regions},
            figure=figure,
            message=message,
            filters=filters,
        )
    return context


def _page_context(years, filters) -> dict:
    """What the page says around its fragments: the period, and when the figures were made."""
    return {
        "years": years,
        "period": present.period_label(filters.year, filters.quarter) if years else "",
        "topic": present.topic_label(filters.topic) if filters.topic else "",
        "refreshed": present.refreshed_sentence(read.last_refresh()),
    }


@require_GET
@reads_from_replica
def national(request):
    user = request.user
    regions = _detailed_regions(user)
    years, filters = _filters(request, regions)
    if filters.region:
        # The region filter is a way to the region's own dashboard.
        return redirect(
            reverse("dashboards:region", args=[filters.region]) + filters.query(region="")
        )
    context = _page_context(years, filters)
    context["may_refresh"] = access.can_refresh_figures(user)
    if years:
        # England's page shows every scope of its year (the table) and England's every year
        # (the trends).
        versions = fragments.versions_of(
            fragments.figure_versions(request), scopes={NATIONAL}, years={filters.year}
        )
        map_choice = tile_map.read_figure(request.GET)
        context["figures"] = fragments.render_fresh(
            "dashboards/_national_figures.jinja",
            request,
            slot=(*_figures_slot(NATIONAL, user, regions, years, filters), map_choice),
            version=versions,
            context=lambda: _national_figures(user, regions, years, filters, map_choice),
        )
    if context["may_refresh"]:
        context["progress"] = present.refresh_progress(read.latest_full_run(), show_error=True)
    return render(request, "dashboards/national.jinja", context)


def _region_or_refuse(request, slug: str) -> Region:
    region = visible_or_404(
        regions_access.regions_visible_to(request.user),
        f"There is no regional collaborative called '{slug}'.",
        slug=slug,
    )
    refuse_unless(
        access.can_see_region_figures(request.user, region),
        f"Only {region.name}'s regional leads and national users can see {region.name}'s "
        "dashboard. You can see England's figures on the national dashboard.",
    )
    return region


def _region_work(user, region: Region, page_numbers: dict) -> dict:
    """The projects the region leads or takes part in, by topic and status, and a page of each
    kind of its measures showing special cause variation now (a region has thousands), as plain
    values for the cache."""
    projects = in_regions(projects_access.projects_visible_to(user), [region.pk])
    counted = projects.order_by().values("topic", "status").annotate(n=Count("id"))
    measures = (
        measurement_access.measures_visible_to(user)
        .filter(project__in=projects.values("id"))
        .select_related("project")
        .only("name", "assurance", "project__title")
        .order_by("project__title", "name", "pk")
    )
    return {
        "portfolio": present.portfolio_table(counted, region.slug),
        "signals": {
            variation: present.signal_page(
                Paginator(measures.filter(variation=variation), SIGNALS_PER_PAGE).get_page(
                    page_numbers[variation]
                )
            )
            for variation in SIGNAL_VARIATIONS
        },
    }


def _region_work_html(request, region: Region) -> str:
    """The region's work as HTML for this query. The lists do not depend on the figures'
    filters, so they are read once a minute for every query that shows them."""
    viewer = _viewer(request.user)
    page_numbers = {
        variation: request.GET.get(present.signal_page_param(variation))
        for variation in SIGNAL_VARIATIONS
    }
    lists = (region.slug, viewer, sorted(page_numbers.items()))
    # Statuses and signals change without a rollup run: read again once a minute at most.
    minute = fragments.every(WORK_FRESH_SECONDS, lists)

    def drawn() -> dict:
        work = fragments.fresh(
            "region-work",
            slot=lists,
            version=minute,
            draw=lambda: _region_work(request.user, region, page_numbers),
            seconds=WORK_CACHE_SECONDS,
            serve_stale=False,  # read only while drawing the HTML below, after the response
        )
        return {
            "region": region,
            "portfolio": work["portfolio"],
            "signal_groups": present.signal_groups(work["signals"], request.GET),
        }

    return fragments.render_fresh(
        "dashboards/_region_work.jinja",
        request,
        slot=("work", region.slug, viewer, sorted(request.GET.items())),
        version=minute,
        seconds=WORK_CACHE_SECONDS,
        context=drawn,
    )


def _region_figures(region: Region, regions, years, filters) -> dict:
    flat = read.flat_figures(region.slug, filters.year, filters.quarter)
    context = _shared_context(
        scope=region.slug, flat=flat, years=years, filters=filters, regions=regions
    )
    context.update(
        {
            "region": region,
            "headline": present.headline_sentences(region.name, context["values"], filters),
        }
    )
    return context


@require_GET
@reads_from_replica
def region(request, slug):
    region = _region_or_refuse(request, slug)
    regions = _detailed_regions(request.user)
    years, filters = _filters(request, regions, region.slug)
    filters = replace(filters, region=region.slug, sort="region")
    context = {**_page_context(years, filters), "region": region}
    if regions_access.can_write_region_records(request.user, region):
        context["stalled_href"] = reverse("projects:stalled", args=[region.slug])
    context["work"] = _region_work_html(request, region)
    if years:
        context["figures"] = fragments.render_fresh(
            "dashboards/_region_figures.jinja",
            request,
            slot=_figures_slot(region.slug, request.user, regions, years, filters),
            version=fragments.versions_of(fragments.figure_versions(request), scopes={region.slug}),
            context=lambda: _region_figures(region, regions, years, filters),
        )
    return render(request, "dashboards/region.jinja", context)


@require_GET
@reads_from_replica
def download(request, file_format):
    user = request.user
    regions = _detailed_regions(user)
    scope = request.GET.get("scope") or NATIONAL
    years, filters = _filters(request, regions, scope)
    if scope != NATIONAL:
        regions = [_region_or_refuse(request, scope)]
    if not years:
        raise Http404("There are no figures to download yet.")
    by_scope = read.figures_by_scope(filters.year, filters.quarter)
    return downloads.response(
        file_format,
        scope=scope,
        regions=regions,
        by_scope=by_scope,
        filters=filters,
        refreshed=read.last_refresh(),
    )


@require_POST
def refresh(request):
    refuse_unless(
        access.can_refresh_figures(request.user), "Only national admins can refresh the figures."
    )
    if read.is_running(read.latest_full_run()):
        messages.info(request, "A full refresh is already running; its progress is shown below.")
    elif enqueue(tasks.rollup_full):
        messages.success(
            request, "A full refresh of the figures has started. Its progress is shown below."
        )
    else:
        messages.error(
            request,
            "The full refresh could not be started: the task queue is not answering. "
            "Try again in a few minutes.",
        )
    return redirect(reverse("dashboards:national") + "#refresh")


@require_GET
def refresh_status(request):
    refuse_unless(
        access.can_refresh_figures(request.user), "Only national admins can follow a refresh."
    )
    progress = present.refresh_progress(read.latest_full_run(), show_error=True)
    return render(request, "dashboards/_refresh_status.jinja", {"progress": progress})
