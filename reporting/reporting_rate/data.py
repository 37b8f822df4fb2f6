"""What the reporting-rate page reads: each active measure's entered periods with the day each
was first entered, its team and the team's last reminder; a fixed handful of queries however
many measures (the view's test counts them).

The day a value was entered is its first history record's (a later edit does not make an
on-time value late); a point without history falls back to its last change.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from measurement import access as measurement_access
from measurement.models import DataPoint, DataType, Measure
from measurement.services.team_reminders import last_reminded
from projects.models import ProjectMember, ProjectRole, ProjectStatus
from reporting.reporting_rate.arithmetic import Series


def measures_in(user, frequency: str, **project_filter) -> QuerySet[Measure]:
    return (
        measurement_access.measures_visible_to(user)
        .filter(project__status=ProjectStatus.ACTIVE, frequency=frequency, **project_filter)
        .exclude(data_type=DataType.EVENTS)
        .select_related("project", "project__lead_region")
        .order_by("project__title", "name", "pk")
    )


def read_series(measures: QuerySet, oldest: date) -> tuple[list[Series], dict[int, Measure]]:
    """Each measure's Series, entry days from `oldest` on; four queries (the measures, their
    points in the window, those points' first history records, each measure's latest period)."""
    by_id = {m.pk: m for m in measures}
    in_window = DataPoint.objects.filter(measure__in=measures.values("pk"), period__gte=oldest)
    points = list(in_window.values_list("pk", "measure_id", "period", "updated_at"))
    first_saved = dict(
        DataPoint.history.filter(id__in=in_window.values("pk"))
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    entered = defaultdict(dict)
    for pk, measure_id, period, updated_at in points:
        entered[measure_id][period] = timezone.localdate(first_saved.get(pk, updated_at))
    spans = {
        pk: (first, last)
        for pk, first, last in DataPoint.objects.filter(measure__in=measures.values("pk"))
        .values("measure")
        .annotate(first=Min("period"), last=Max("period"))
        .values_list("measure", "first", "last")
    }
    series = [
        Series(
            measure=m.pk,
            project=m.project_id,
            began=_began(m, spans.get(m.pk, (None, None))[0]),
            entered=entered[m.pk],
            last=spans.get(m.pk, (None, None))[1],
        )
        for m in by_id.values()
    ]
    return series, by_id


def _began(measure: Measure, first: date | None) -> date:
    """When the measure began: its project's start or its own creation, whichever is later, or
    its first value if earlier still (back data entered, or a measure loaded in bulk)."""
    began = max(measure.project.start_date, timezone.localdate(measure.created_at))
    return min(began, first) if first else began


def teams_of(project_ids: set[int]) -> dict[int, dict[str, list]]:
    """{project id: {"leads": [...], "members": [...]}} of names, in one query."""
    teams = defaultdict(lambda: {"leads": [], "members": []})
    for member in ProjectMember.objects.filter(
        project__in=project_ids, user__is_active=True
    ).select_related("user"):
        role = "leads" if member.role == ProjectRole.LEAD else "members"
        teams[member.project_id][role].append(member.user.get_full_name() or member.user.username)
    return teams


def reminders_of(project_ids: set[int]) -> dict:
    return last_reminded(project_ids)
