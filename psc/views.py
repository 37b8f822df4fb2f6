"""The home page: each person's way in, by role (a lead's region, a team member's projects,
national figures)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.shortcuts import render

from projects import access as projects_access
from projects.presenters.portfolio import (
    newest_caption,
    portfolio_href,
    portfolio_rows,
    region_links,
    regions_heading,
    status_counts,
)
from projects.selectors import in_regions, sorted_projects, with_portfolio_columns
from regions import access as regions_access
from regions import roles

HOME_PROJECTS = 10


def _lead_portfolio(user, regions) -> dict:
    """The newest projects the lead's regions lead or join, and links to all of them."""
    projects = in_regions(
        projects_access.projects_visible_to(user), [region.pk for region in regions]
    )
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
    led_regions = list(
        regions_access.regions_writable_by(user).filter(id__in=roles.led_region_ids(user))
    )
    context = {
        "led_regions": led_regions,
        "is_national": roles.is_national(user),
        # A team member's own projects, each a step from this week's data entry.
        "member_projects": list(
            projects_access.projects_visible_to(user)
            .filter(members__user=user)
            .select_related("lead_region")
            .order_by("title")[:10]
        ),
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
    if led_regions:
        context.update(_lead_portfolio(user, led_regions))
    if context["is_national"]:
        counted = projects_access.projects_visible_to(user).order_by().values("status")
        context["status_counts"] = status_counts(counted.annotate(count=Count("id")))
        context["all_projects_href"] = portfolio_href()
    return render(request, "home.jinja", context)


@login_not_required
def signed_in_refused(request, credentials, *args, **kwargs):
    """django-axes' answer to a sign-in while locked out: the same page whether or not the
    account exists, with a 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "auth/sign_in_paused.jinja", {"minutes": minutes}, status=429)
