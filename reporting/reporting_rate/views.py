"""The reporting-rate page of a region or a programme, and its reminders to overdue teams.

/dashboard/reporting-rate/?region=wessex&by=week (or ?programme=<slug>, by=month). A region's
page counts the active projects it leads; a programme's, its current teams. Seen by national
users and the scope's leads; reminders go through measurement.services.team_reminders.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.lookup import refuse_unless, visible_or_404
from learning import access as learning_access
from measurement.access import can_remind_team
from measurement.periods import last_complete_period, shift
from measurement.services import team_reminders
from projects import access as projects_access
from regions import access as regions_access
from reporting import access
from reporting.reporting_rate import arithmetic, data
from reporting.reporting_rate import presenter as present

TREND_PERIODS = 12


def _scope(request):
    """(name, the measures' project filter, query, back link) of the page's region or programme."""
    params = request.GET if request.method == "GET" else request.POST
    user = request.user
    if slug := params.get("region"):
        region = visible_or_404(
            regions_access.regions_visible_to(user),
            f"There is no regional collaborative called '{slug}'.",
            slug=slug,
        )
        refuse_unless(
            access.can_see_region_figures(user, region),
            f"Only {region.name}'s regional leads and national users can see its reporting rate.",
        )
        back = {
            "text": f"{region.name} dashboard",
            "href": reverse("dashboards:region", args=[slug]),
        }
        return region.name, {"project__lead_region": region}, {"region": slug}, back
    if slug := params.get("programme"):
        programme = visible_or_404(
            learning_access.programmes_visible_to(user),
            f"There is no programme called '{slug}'.",
            slug=slug,
        )
        refuse_unless(
            access.sees_every_region(user) or learning_access.can_edit_programme(user, programme),
            f"Only the leads of “{programme.name}” and national users can see its reporting rate.",
        )
        back = {"text": programme.name, "href": programme.get_absolute_url()}
        members = {
            "project__programme_memberships__programme": programme,
            "project__programme_memberships__left_on__isnull": True,
        }
        return programme.name, members, {"programme": slug}, back
    raise Http404("Choose a region or a programme: open its reporting rate from its page.")


def _frequency(params) -> tuple[str, str]:
    by = params.get("by") if params.get("by") in present.BY else "week"
    return by, present.BY[by]


def _overdue(request, frequency, project_filter):
    today = timezone.localdate()
    newest = last_complete_period(today, frequency)
    oldest = shift(newest, frequency, 1 - TREND_PERIODS)
    measures = data.measures_in(request.user, frequency, **project_filter)
    series, by_id = data.read_series(measures, oldest)
    return series, by_id, newest, arithmetic.overdue(series, today, frequency)


@require_GET
def reporting_rate(request):
    name, project_filter, query, back = _scope(request)
    by, frequency = _frequency(request.GET)
    series, by_id, newest, overdue = _overdue(request, frequency, project_filter)
    shares = arithmetic.trend(series, newest, frequency, TREND_PERIODS)
    projects = {item.project for item in overdue}
    teams = present.team_rows(
        overdue,
        by_id,
        data.teams_of(projects),
        data.reminders_of(projects),
        frequency,
        lambda project: can_remind_team(request.user, project),
    )
    context = {
        "name": name,
        "back": back,
        "query": query,
        "by": by,
        "unit": present.UNIT[frequency],
        "latest": present.period_words(newest, frequency),
        "on_time_rule": present.on_time_rule(frequency),
        "summary": present.summary_rows(shares[0], frequency),
        "trend": present.trend_rows(shares, frequency),
        "chart": present.trend_chart(shares, frequency),
        "teams": teams,
        "may_remind_any": any(team.may_remind for team in teams),
        "measures_counted": len(series),
    }
    return render(request, "dashboards/reporting_rate.jinja", context)


def _back_to_page(query: dict, by: str):
    return redirect(
        reverse("dashboards:reporting_rate")
        + "?"
        + "&".join(f"{key}={value}" for key, value in {**query, "by": by}.items())
        + "#overdue"
    )


@require_POST
def remind(request):
    _, project_filter, query, _ = _scope(request)
    by, _ = _frequency(request.POST)
    pk = request.POST.get("project", "")
    project = visible_or_404(
        projects_access.projects_visible_to(request.user).select_related("lead_region"),
        f"There is no project with the id {pk}.",
        pk=int(pk) if pk.isdigit() else 0,
    )
    try:
        team_reminders.team_reminder_request(by=request.user, project=project)
    except team_reminders.ReminderRefused as refused:
        messages.warning(request, str(refused))
    else:
        messages.success(request, f"A reminder is on its way to the team of “{project.title}”.")
    return _back_to_page(query, by)


@require_POST
def remind_all(request):
    _, project_filter, query, _ = _scope(request)
    by, frequency = _frequency(request.POST)
    *_, overdue = _overdue(request, frequency, project_filter)
    projects = (
        projects_access.projects_visible_to(request.user)
        .filter(pk__in={item.project for item in overdue})
        .select_related("lead_region")
    )
    mine = [p for p in projects if can_remind_team(request.user, p)]
    with_people = data.teams_of({p.pk for p in mine})
    mine = [p for p in mine if p.pk in with_people]  # no one to remind on the others
    if not mine:
        raise PermissionDenied(
            "Only the region's leads, the programme's leads and national admins can remind teams."
        )
    sent = skipped = 0
    for project in mine:
        try:
            team_reminders.team_reminder_request(by=request.user, project=project)
            sent += 1
        except team_reminders.TooSoon:
            skipped += 1
    messages.success(request, present.sent_words(sent, skipped))
    return _back_to_page(query, by)
