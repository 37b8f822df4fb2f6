"""The story figures agree however they got there: after any sequence of stories published,
withdrawn, sent back, re-dated and deleted, projects started from them, re-dated and deleted,
and projects moved to another region, each followed by the incremental run their marks enqueue,
the figures equal a full rebuild's (as test_spread_figures_incremental.py checks for spread)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.models import Story, StoryReuse
from projects.models import Project
from reporting.models import PendingRollup, RollupFigure
from reporting.rollups.service import rollup_full, rollup_incremental
from tests.factories import ProjectFactory, StoryFactory, region

REGIONS = ["wessex", "oxford", "south-west"]
LONDON = ZoneInfo("Europe/London")
# Around midnight at either end of a day, so London's day and UTC's differ in summer.
MOMENTS = st.builds(
    lambda day, late: datetime.combine(day, time(23, 30) if late else time(0, 30), LONDON),
    st.dates(min_value=date(2015, 4, 1), max_value=date(2018, 3, 31)),
    st.booleans(),
)
STATUSES = st.sampled_from(["draft", "submitted", "returned", "published", "withdrawn"])
INDEX = st.integers(0, 5)

EDIT = st.one_of(
    st.tuples(st.just("add_story"), st.sampled_from(REGIONS), MOMENTS, STATUSES),
    st.tuples(st.just("change_story"), INDEX, STATUSES, MOMENTS, st.booleans()),
    st.tuples(st.just("delete_story"), INDEX),
    st.tuples(st.just("add_reuse"), INDEX, st.sampled_from(REGIONS), MOMENTS),
    st.tuples(st.just("change_reuse"), INDEX, MOMENTS),
    st.tuples(st.just("delete_reuse"), INDEX),
    st.tuples(st.just("move_project"), INDEX, st.sampled_from(REGIONS)),
)


def pick(queryset, index):
    rows = list(queryset.order_by("id"))
    return rows[index % len(rows)] if rows else None


def add_story(slug, moment, status) -> None:
    dated = status in ("published", "withdrawn")
    StoryFactory(
        project=ProjectFactory(lead_region=region(slug)),
        status=status,
        first_published_at=moment if dated else None,
        published_at=moment if dated else None,
    )


def change_story(story, status, moment, redate) -> None:
    story.status = status
    if redate or (status == "published" and not story.first_published_at):
        story.first_published_at = moment
    story.save()


def add_reuse(story, slug, moment) -> None:
    reuse = StoryReuse.objects.create(story=story, project=ProjectFactory(lead_region=region(slug)))
    change_reuse(reuse, moment)


def change_reuse(reuse, moment) -> None:
    reuse.started_at = moment  # set on creation, so moved after
    reuse.save()


def move_project(project, slug) -> None:
    project.lead_region = region(slug)
    project.save()


def apply(edit) -> None:
    kind, *args = edit
    if kind == "add_story":
        add_story(*args)
    elif kind == "change_story" and (story := pick(Story.objects, args[0])):
        change_story(story, *args[1:])
    elif kind == "delete_story" and (story := pick(Story.objects, args[0])):
        story.delete()
    elif kind == "add_reuse" and (story := pick(Story.objects, args[0])):
        add_reuse(story, *args[1:])
    elif kind == "change_reuse" and (reuse := pick(StoryReuse.objects, args[0])):
        change_reuse(reuse, args[1])
    elif kind == "delete_reuse" and (reuse := pick(StoryReuse.objects, args[0])):
        reuse.delete()
    elif kind == "move_project":
        counted = Project.objects.filter(story__isnull=False) | Project.objects.filter(
            started_from__isnull=False
        )
        if project := pick(counted.distinct(), args[0]):
            move_project(project, args[1])


def snapshot() -> set[tuple]:
    return set(
        RollupFigure.objects.values_list("scope", "financial_year", "quarter", "metric", "value")
    )


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDIT, min_size=1, max_size=8))
def test_incremental_story_figures_after_any_edits_equal_a_full_rebuild(db, edits):
    StoryReuse.objects.all().delete()
    Story.objects.all().delete()
    add_story("wessex", datetime(2016, 6, 30, 23, 30, tzinfo=LONDON), "published")
    rollup_full()
    for edit in edits:
        apply(edit)
        rollup_incremental()
    incremental = snapshot()
    rollup_full()
    assert incremental == snapshot()
    assert not PendingRollup.objects.exists()
