"""A region's board packs: the page asking for one and listing the region's packs, each pack's
progress (the fragment the page asks for every 2 seconds while one is being made), trying
again, and the download. Only the region's leads and national users may do any of it."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.lookup import refuse_unless, visible_or_404
from regions import access as regions_access
from regions.models import Region
from reporting import access
from reporting.board_packs import contents, service
from reporting.board_packs.forms import BoardPackForm, latest_ended, quarter_choices
from reporting.board_packs.status import status
from reporting.presenters import moment, period_label
from reporting.rollups import read

PACKS_LISTED = 20


def _region_or_refuse(request, slug: str) -> Region:
    region = visible_or_404(
        regions_access.regions_visible_to(request.user),
        f"There is no regional collaborative called '{slug}'.",
        slug=slug,
    )
    refuse_unless(
        access.can_make_board_pack(request.user, region),
        f"Only {region.name}'s regional leads and national users can make and download "
        f"{region.name}'s board packs.",
    )
    return region


def _pack_or_404(request, region: Region, pk: int):
    return visible_or_404(
        access.board_packs_visible_to(request.user, region)
        .select_related("region", "requested_by")
        .defer("pdf"),
        f"There is no board pack {pk} of {region.name}.",
        pk=pk,
    )


def _shown(pack, now) -> dict:
    return {
        "pk": pack.pk,
        "period": period_label(pack.financial_year, pack.quarter),
        "requested": f"Asked for by {_name(pack.requested_by)} at {moment(pack.requested_at)}",
        "status": status(pack, now),
        "status_href": reverse("dashboards:board_pack_status", args=[pack.region.slug, pack.pk]),
        "download_href": reverse(
            "dashboards:board_pack_download", args=[pack.region.slug, pack.pk]
        ),
        "try_again_href": reverse(
            "dashboards:board_pack_try_again", args=[pack.region.slug, pack.pk]
        ),
    }


def _name(user) -> str:
    if user is None:
        return "someone whose account was removed"
    return user.get_full_name() or user.username


@require_http_methods(["GET", "POST"])
def board_packs(request, slug):
    region = _region_or_refuse(request, slug)
    today = timezone.localdate()
    form = BoardPackForm(
        request.POST or None,
        initial={"period": latest_ended(today)},
        periods=quarter_choices(read.stored_years(), today),
        projects=contents.region_projects(request.user, region),
    )
    if request.method == "POST" and form.is_valid():
        year, quarter = form.year_and_quarter()
        service.board_pack_request(
            by=request.user,
            region=region,
            financial_year=year,
            quarter=quarter,
            highlighted=list(form.cleaned_data["projects"]),
        )
        messages.success(
            request,
            f"The board pack for {period_label(year, quarter)} is being made. Its progress "
            "is shown below; it will be kept here to download.",
        )
        return redirect(reverse("dashboards:board_packs", args=[region.slug]) + "#packs")
    now = timezone.now()
    packs = (
        access.board_packs_visible_to(request.user, region)
        .select_related("region", "requested_by")
        .defer("pdf")[:PACKS_LISTED]
    )
    return render(
        request,
        "dashboards/board_pack/page.jinja",
        {"region": region, "form": form, "packs": [_shown(pack, now) for pack in packs]},
        status=400 if form.errors else 200,
    )


@require_GET
def board_pack_status(request, slug, pk):
    region = _region_or_refuse(request, slug)
    pack = _pack_or_404(request, region, pk)
    return render(
        request,
        "dashboards/board_pack/_status.jinja",
        {"pack": _shown(pack, timezone.now())},
    )


@require_POST
def board_pack_try_again(request, slug, pk):
    region = _region_or_refuse(request, slug)
    pack = _pack_or_404(request, region, pk)
    try:
        service.board_pack_try_again(by=request.user, pack=pack)
        messages.success(request, "The board pack is being made again.")
    except ValueError as refused:
        messages.info(request, str(refused))
    return redirect(reverse("dashboards:board_packs", args=[region.slug]) + "#packs")


@require_GET
def board_pack_download(request, slug, pk):
    region = _region_or_refuse(request, slug)
    pack = visible_or_404(
        access.board_packs_visible_to(request.user, region).filter(pdf__isnull=False),
        f"Board pack {pk} of {region.name} is not ready to download.",
        pk=pk,
        state="done",
    )
    name = f"board-pack-{region.slug}-{pack.financial_year}-q{pack.quarter}.pdf"
    response = HttpResponse(bytes(pack.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
