"""Reading projects and change ideas for lists: scoping by region, sorting, and the columns a
row shows, in the same query as the rows.

Filters on many-to-many relations use `id__in` subqueries rather than joins, so a project taking
part through several rows still appears once and the paginator's count stays right. The columns a
list shows (latest PDSA decision, cycle counts) are correlated subqueries: one query per page
however many rows it has.
"""

import re

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, Lower

from projects.models import ChangeIdea, PDSACycle, Project, ProjectStatus
from regions.models import Organisation

STATUS_ORDER = Case(
    *(When(status=status, then=rank) for rank, status in enumerate(ProjectStatus.values)),
    output_field=IntegerField(),
)

# key -> (label, ordering); every ordering ends on a unique column so pages never overlap.
SORTS = {
    "newest": ("Newest start first", ("-start_date", "title", "id")),
    "oldest": ("Oldest start first", ("start_date", "title", "id")),
    "title": ("Title A to Z", (Lower("title"), "id")),
    "status": ("Status", (STATUS_ORDER, "-status_since", "id")),
    "score_high": (
        "Progress score, highest first",
        (F("progress_score").desc(nulls_last=True), "title", "id"),
    ),
    "score_low": (
        "Progress score, lowest first",
        (F("progress_score").asc(nulls_last=True), "title", "id"),
    ),
    "updated": ("Recently updated", ("-updated_at", "id")),
}
DEFAULT_SORT = "newest"


def sorted_projects(projects: QuerySet[Project], sort: str = DEFAULT_SORT) -> QuerySet[Project]:
    return projects.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])[1])


PARTICIPATING = Project.participating_regions.through
IN_SETTING = Project.care_settings.through
WITH_ORGANISATION = Project.organisations.through


def project_ids(through, **lookup) -> QuerySet:
    """Ids of projects linked through a many-to-many table: a subquery, never a join."""
    return through.objects.filter(**lookup).values("project_id")


def region_q(region_ids, prefix: str = "") -> Q:
    """Projects led by, or run with, any of the regions; `prefix` reaches them from a relation."""
    return Q(**{f"{prefix}lead_region_id__in": region_ids}) | Q(
        **{f"{prefix}id__in": project_ids(PARTICIPATING, region_id__in=region_ids)}
    )


def in_regions(projects: QuerySet[Project], region_ids) -> QuerySet[Project]:
    return projects.filter(region_q(list(region_ids)))


# "Southampton General Hospital (RHM)": an organisation as the suggestions show it.
NAME_AND_CODE = re.compile(r"\((?P<code>[A-Za-z0-9]{3,10})\)$")


def organisations_named(organisations: QuerySet[Organisation], text: str):
    """The organisations a typed value means: the one whose ODS code it is (alone or in
    brackets after the name, as suggested), or those with every word of it in their name."""
    text = text.strip()
    bracketed = NAME_AND_CODE.search(text)
    if bracketed:
        return organisations.filter(ods_code__iexact=bracketed["code"])
    return organisations.filter(Q(ods_code__iexact=text) | _every_word_in_name(text))


def _every_word_in_name(text: str) -> Q:
    words = Q()
    for word in text.split():
        words &= Q(name__icontains=word)
    return words


def organisation_suggestions(organisations: QuerySet[Organisation], text: str, limit: int = 10):
    """At most `limit` organisations taking part in projects whose code starts, or whose name
    holds every word of, what has been typed so far."""
    text = text.strip()
    if len(text) < 2:
        return organisations.none()
    taking_part = WITH_ORGANISATION.objects.filter(organisation_id=OuterRef("pk"))
    return (
        organisations.filter(Q(ods_code__istartswith=text) | _every_word_in_name(text))
        .filter(Exists(taking_part))
        .order_by("name", "id")[:limit]
    )


# Columns -------------------------------------------------------------------------------------


def _latest_decided(**outer) -> QuerySet[PDSACycle]:
    """Decided cycles, latest first: by end date (the start date when none was recorded)."""
    return (
        PDSACycle.objects.filter(**outer)
        .exclude(decision="")
        .annotate(decided_on=Coalesce("end_date", "start_date"))
        .order_by("-decided_on", "-start_date", "-id")
    )


def _count(queryset: QuerySet, group_by: str):
    """A correlated COUNT(*) of `queryset` that is 0, not NULL, when nothing matches."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def decision_columns(**outer) -> dict:
    """The latest decided cycle's decision and date, as subquery columns."""
    decided = _latest_decided(**outer)
    return {
        "latest_decision": Subquery(decided.values("decision")[:1]),
        "latest_decision_on": Subquery(decided.values("decided_on")[:1]),
    }


def with_portfolio_columns(projects: QuerySet[Project]) -> QuerySet[Project]:
    """What a portfolio row shows, in the same query as the projects."""
    others = PARTICIPATING.objects.filter(project_id=OuterRef("pk")).exclude(
        region_id=OuterRef("lead_region_id")
    )
    return (
        projects.select_related("lead_region")
        .only(
            "id", "title", "topic", "status", "status_since", "progress_score", "lead_region__name"
        )
        .annotate(
            other_region_count=_count(others, "project_id"),
            **decision_columns(project_id=OuterRef("pk")),
        )
    )


def change_ideas_of(projects: QuerySet[Project]) -> QuerySet[ChangeIdea]:
    """The change ideas of these (already access-scoped) projects, with their search columns."""
    cycles = PDSACycle.objects.filter(change_idea_id=OuterRef("pk"))
    return (
        ChangeIdea.objects.filter(project__in=projects)
        .select_related("project__lead_region")
        .only("id", "text", "project__id", "project__title", "project__lead_region__name")
        .annotate(
            cycle_count=_count(cycles, "change_idea_id"),
            **decision_columns(change_idea_id=OuterRef("pk")),
        )
        .order_by(Lower("text"), Lower("project__title"), "id")
    )
