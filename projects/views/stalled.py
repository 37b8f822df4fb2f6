"""A region's stalled projects, for its leads (and national admins): each with its last activity
and two buttons, "Close project" and "Mark as active", both through the project services, which
check the user may edit the project and record the change in its history and timeline."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.form_fields import error_summary_items
from core.lookup import refuse_unless, visible_or_404
from projects import access
from projects.models import ProjectStatus
from projects.presenters.stalled import stalled_rows
from projects.selectors import in_regions
from projects.services import stalled as services
from projects.stalled_forms import StalledCloseForm
from projects.views._lookup import editable_project
from regions import access as regions_access
from regions.models import Region


def _region(request, slug: str) -> Region:
    region = visible_or_404(
        regions_access.regions_visible_to(request.user),
        f"There is no regional collaborative called '{slug}'.",
        slug=slug,
    )
    refuse_unless(
        regions_access.can_write_region_records(request.user, region),
        f"Only {region.name}'s regional leads and national admins can see its stalled projects.",
    )
    return region


def _page(request, region: Region, bound: StalledCloseForm | None = None, status: int = 200):
    # A stalled project's last activity is kept as it stalled (projects.services.stalled).
    projects = in_regions(access.projects_editable_by(request.user), [region.pk])
    projects = projects.filter(status=ProjectStatus.STALLED).order_by("last_activity_on", "title")
    projects = list(projects.select_related("lead_region"))
    forms = {p.pk: StalledCloseForm(project=p) for p in projects}
    if bound is not None and bound.project.pk in forms:
        forms[bound.project.pk] = bound
    context = {
        "region": region,
        "rows": stalled_rows(projects, timezone.localdate(), forms),
        "quiet_days": services.quiet_period().days,
        "errors": error_summary_items(bound) if bound is not None else [],
    }
    return render(request, "projects/stalled.jinja", context, status=status)


@require_GET
def stalled_projects(request, slug):
    return _page(request, _region(request, slug))


def _region_slug(request, project) -> str:
    """The list the buttons were pressed on (a region of the project's), else its lead's."""
    slug = request.POST.get("region", "")
    regions = [project.lead_region, *project.participating_regions.all()]
    return slug if slug in {region.slug for region in regions} else project.lead_region.slug


def _back(request, project):
    return redirect(reverse("projects:stalled", args=[_region_slug(request, project)]))


def _not_stalled(request, project):
    """Pressed twice, or someone else was quicker: say so rather than change it again."""
    messages.info(
        request, f"“{project.title}” is no longer stalled: it is {project.get_status_display()}."
    )
    return _back(request, project)


@require_POST
def close_stalled(request, pk):
    project = editable_project(request, pk)
    if project.status != ProjectStatus.STALLED:
        return _not_stalled(request, project)
    form = StalledCloseForm(request.POST, project=project)
    if not form.is_valid():
        return _page(request, _region(request, _region_slug(request, project)), form, 400)
    services.stalled_project_close(
        by=request.user, project=project, completed_on=form.cleaned_data["completed_on"]
    )
    state = "completed" if project.status == ProjectStatus.COMPLETED else "stopped"
    messages.success(request, f"“{project.title}” is closed as {state}.")
    return _back(request, project)


@require_POST
def mark_active(request, pk):
    project = editable_project(request, pk)
    if project.status != ProjectStatus.STALLED:
        return _not_stalled(request, project)
    services.stalled_project_reactivate(by=request.user, project=project)
    days = services.quiet_period().days
    messages.success(
        request,
        f"“{project.title}” is active again; it is not stalled again unless {days:,} days "
        "pass with no data, PDSA cycle or edit.",
    )
    return _back(request, project)
