from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render

from core.lookup import refuse_unless, visible_or_404
from regions import access, services
from regions.filters import OrganisationFilter
from regions.forms import OrganisationForm
from regions.models import OrganisationType

ORGANISATIONS_PER_PAGE = 50


def region_list(request):
    regions = access.regions_visible_to(request.user).annotate(
        organisation_count=Count("organisations")
    )
    return render(request, "regions/region_list.jinja", {"regions": regions})


def _region_or_404(request, slug):
    return visible_or_404(
        access.regions_visible_to(request.user),
        f"There is no regional collaborative called '{slug}'.",
        slug=slug,
    )


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
            "may_invite": access.can_invite_to_region(request.user, region),
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
    return visible_or_404(
        access.organisations_visible_to(request.user),
        f"There is no organisation with the id {pk}.",
        pk=pk,
    )


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
    refuse_unless(
        access.can_create_organisation(request.user),
        "Only regional leads and national admins can add organisations.",
    )
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        messages.success(request, f"{organisation.name} was added.")
        return redirect(organisation)
    return render(request, "regions/organisation_form.jinja", {"form": form, "organisation": None})


def organisation_update(request, pk):
    organisation = _organisation_or_404(request, pk)
    refuse_unless(
        access.can_edit_organisation(request.user, organisation),
        f"Only leads of {organisation.region.name} and national admins can change "
        f"{organisation.name}.",
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
