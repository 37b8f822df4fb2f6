from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render

from projects.filters import in_regions, sorted_projects, with_portfolio_columns
from projects.presenters.portfolio import (
    newest_caption,
    portfolio_href,
    portfolio_rows,
    region_links,
    regions_heading,
    status_counts,
)
from regions import access, services
from regions.filters import OrganisationFilter
from regions.forms import OrganisationForm
from regions.models import OrganisationType

ORGANISATIONS_PER_PAGE = 50
HOME_PROJECTS = 10


def _lead_portfolio(user, regions) -> dict:
    """The newest projects the lead's regions lead or join, and links to all of them."""
    projects = in_regions(access.projects_visible_to(user), [region.pk for region in regions])
    rows = portfolio_rows(with_portfolio_columns(sorted_projects(projects))[:HOME_PROJECTS])
    total = projects.count()
    return {
        "region_heading": regions_heading(regions),
        "region_rows": rows,
        "region_caption": newest_caption(len(rows), total),
        "region_links": region_links(regions, total),
    }


def home(request):
    user = request.user
    led_regions = list(access.regions_writable_by(user).filter(id__in=access.led_region_ids(user)))
    context = {
        "led_regions": led_regions,
        "is_national": access.is_national(user),
        # A team member's own projects, each a step from this week's data entry.
        "member_projects": list(
            access.projects_visible_to(user)
            .filter(members__user=user)
            .select_related("lead_region")
            .order_by("title")[:10]
        ),
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
    if led_regions:
        context.update(_lead_portfolio(user, led_regions))
    if context["is_national"]:
        counted = access.projects_visible_to(user).order_by().values("status")
        context["status_counts"] = status_counts(counted.annotate(count=Count("id")))
        context["all_projects_href"] = portfolio_href()
    return render(request, "home.jinja", context)


def region_list(request):
    regions = access.regions_visible_to(request.user).annotate(
        organisation_count=Count("organisations")
    )
    return render(request, "regions/region_list.jinja", {"regions": regions})


def _region_or_404(request, slug):
    region = access.regions_visible_to(request.user).filter(slug=slug).first()
    if region is None:
        raise Http404(f"There is no regional collaborative called '{slug}'.")
    return region


def region_detail(request, slug):
    region = _region_or_404(request, slug)
    by_type = (
        access.organisations_visible_to(request.user)
        .filter(region=region)
        .values("type")
        .annotate(count=Count("id"))
        .order_by("-count")
    )
    labels = dict(OrganisationType.choices)
    return render(
        request,
        "regions/region_detail.jinja",
        {
            "region": region,
            "organisations_by_type": [(labels[row["type"]], row["count"]) for row in by_type],
            "leads": region.leads.order_by("last_name", "first_name"),
            "may_add_organisation": access.can_write_region_records(request.user, region),
        },
    )


def organisation_list(request):
    filterset = OrganisationFilter(
        request.GET, queryset=access.organisations_visible_to(request.user)
    )
    page = Paginator(filterset.qs, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "regions/organisation_list.jinja",
        {
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "may_add": access.can_create_organisation(request.user),
        },
    )


def _organisation_or_404(request, pk):
    organisation = access.organisations_visible_to(request.user).filter(pk=pk).first()
    if organisation is None:
        raise Http404(f"There is no organisation with the id {pk}.")
    return organisation


def organisation_detail(request, pk):
    organisation = _organisation_or_404(request, pk)
    return render(
        request,
        "regions/organisation_detail.jinja",
        {
            "organisation": organisation,
            "may_edit": access.can_edit_organisation(request.user, organisation),
            "history": organisation.history.select_related("history_user")[:20],
        },
    )


def organisation_create(request):
    if not access.can_create_organisation(request.user):
        raise PermissionDenied("Only regional leads and national admins can add organisations.")
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        messages.success(request, f"{organisation.name} was added.")
        return redirect(organisation)
    return render(request, "regions/organisation_form.jinja", {"form": form, "organisation": None})


def organisation_update(request, pk):
    organisation = _organisation_or_404(request, pk)
    if not access.can_edit_organisation(request.user, organisation):
        raise PermissionDenied(
            f"Only leads of {organisation.region.name} and national admins can change "
            f"{organisation.name}."
        )
    form = OrganisationForm(request.POST or None, instance=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.organisation_update(
            by=request.user, organisation=organisation, **form.cleaned_data
        )
        messages.success(request, f"{organisation.name} was updated.")
        return redirect(organisation)
    return render(
        request, "regions/organisation_form.jinja", {"form": form, "organisation": organisation}
    )
