"""Stories in the public archive, and the projects started from them, join the national figures:
stories published in each period and in the archive at its end (published now: a withdrawn
story no longer counts), and projects started from a story, per financial year and quarter,
for England and each region; kept fresh by pending marks (reporting/rollups/stories_triggers.py).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.fiscal import financial_year, quarter_bounds
from learning.models import Story, StoryReuse
from reporting.models import PendingRollup
from reporting.rollups.pending import forget_marks_seen
from reporting.rollups.read import figures
from reporting.rollups.service import recorded_years, rollup_full, rollup_incremental
from tests.factories import ProjectFactory, StoryFactory, region

YEAR = "2016-17"
SCOPES = ("national", "wessex", "oxford", "south-west")
LONDON = ZoneInfo("Europe/London")


def london(*parts) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def published_story(slug: str, moment: datetime, **fields) -> Story:
    project = ProjectFactory(lead_region=region(slug), start_date=date(2015, 4, 1))
    return StoryFactory(
        published=True,
        project=project,
        first_published_at=moment,
        published_at=moment,
        **fields,
    )


def started_from(story: Story, slug: str, moment: datetime) -> StoryReuse:
    """A project started from the story; `started_at` is set on creation, so moved after."""
    reuse = StoryReuse.objects.create(
        story=story, project=ProjectFactory(lead_region=region(slug), start_date=moment.date())
    )
    reuse.started_at = moment
    reuse.save()
    return reuse


@pytest.fixture
def stories(db):
    """Two Wessex stories either side of the midnight that ends Q1 (in London's summer time),
    an Oxford one withdrawn, an Oxford one in Q4, a draft, one the next year; projects started
    from them in three regions, one from the withdrawn story."""
    first = published_story("wessex", london(2016, 6, 30, 23, 30))
    published_story("wessex", london(2016, 7, 1, 0, 30))  # 23:30 on 30 June in UTC
    withdrawn = published_story("oxford", london(2016, 11, 15, 10), status="withdrawn")
    published_story("oxford", london(2017, 1, 10, 9))
    StoryFactory(project=ProjectFactory(lead_region=region("oxford")))
    published_story("wessex", london(2017, 5, 1, 12))
    started_from(first, "oxford", london(2016, 8, 1, 9))
    started_from(first, "wessex", london(2016, 12, 31, 23, 59))
    started_from(withdrawn, "south-west", london(2017, 3, 31, 17))
    rollup_full()


def _day(moment) -> date:
    return timezone.localdate(moment)


def expected(scope: str, year: str, quarter: int) -> dict:
    """The figures counted from the rows as their descriptions say."""
    first, last = quarter_bounds(year, quarter)

    def here(project) -> bool:
        return scope in ("national", project.lead_region.slug)

    published = [
        s
        for s in Story.objects.select_related("project__lead_region")
        if s.status == "published" and here(s.project)
    ]
    reuses = StoryReuse.objects.select_related("project__lead_region")
    return {
        "stories_published": sum(first <= _day(s.first_published_at) <= last for s in published),
        "stories_in_archive": sum(_day(s.first_published_at) <= last for s in published),
        "projects_from_stories": sum(
            first <= _day(r.started_at) <= last for r in reuses if here(r.project)
        ),
    }


def story_figures(scope: str, year: str, quarter: int = 0) -> dict:
    document = figures(scope, year, quarter)
    return {
        name: document[name]
        for name in ("stories_published", "stories_in_archive", "projects_from_stories")
    }


@pytest.mark.parametrize("scope", SCOPES)
def test_the_story_figures_are_counted_from_the_rows_in_every_period(stories, scope):
    for year in (YEAR, "2017-18"):
        for quarter in (0, 1, 2, 3, 4):
            assert story_figures(scope, year, quarter) == expected(scope, year, quarter), (
                year,
                quarter,
            )


def test_the_counts_by_hand(stories):
    """Written out: the withdrawn story counts nowhere, England counts each story once."""
    assert story_figures("national", YEAR) == {
        "stories_published": 3,
        "stories_in_archive": 3,
        "projects_from_stories": 3,
    }
    assert story_figures("wessex", YEAR) == {
        "stories_published": 2,
        "stories_in_archive": 2,
        "projects_from_stories": 1,
    }
    assert story_figures("oxford", YEAR) == {
        "stories_published": 1,
        "stories_in_archive": 1,
        "projects_from_stories": 1,
    }
    assert story_figures("south-west", YEAR)["projects_from_stories"] == 1
    assert story_figures("national", "2017-18") == {
        "stories_published": 1,
        "stories_in_archive": 4,
        "projects_from_stories": 0,
    }


def test_quarters_end_at_midnight_in_london(stories):
    """23:30 on 30 June (BST) is Q1; 00:30 on 1 July, still 30 June in UTC, is Q2."""
    q1, q2 = story_figures("wessex", YEAR, 1), story_figures("wessex", YEAR, 2)
    assert (q1["stories_published"], q1["stories_in_archive"]) == (1, 1)
    assert (q2["stories_published"], q2["stories_in_archive"]) == (1, 2)
    assert story_figures("wessex", YEAR, 3)["projects_from_stories"] == 1  # 23:59 on 31 Dec
    assert story_figures("wessex", YEAR, 4)["projects_from_stories"] == 0


def test_a_withdrawn_story_no_longer_counts_at_any_periods_end(stories):
    oxford_q3 = story_figures("oxford", YEAR, 3)
    assert oxford_q3 == {
        "stories_published": 0,
        "stories_in_archive": 0,
        "projects_from_stories": 0,
    }
    # The project started from it before it was withdrawn still counts.
    assert story_figures("south-west", YEAR, 4)["projects_from_stories"] == 1


def test_the_years_of_stories_and_reuses_are_recorded_by_their_day_in_london(db):
    # 00:30 on 1 April 2013 in London is 31 March in UTC (2012/13); its project began in 2015.
    story = published_story("wessex", london(2013, 4, 1, 0, 30))
    assert recorded_years()[0] == "2013-14"
    reuse = StoryReuse.objects.create(story=story, project=ProjectFactory())  # begins 2016
    reuse.started_at = london(2011, 6, 1, 9)
    reuse.save()
    assert recorded_years()[0] == "2011-12"


# The incremental marks --------------------------------------------------------------------


def clear_marks() -> None:
    PendingRollup.objects.all().delete()
    forget_marks_seen()


def marks() -> set[tuple[str, str]]:
    return set(PendingRollup.objects.values_list("scope", "financial_year"))


def test_publishing_a_story_marks_its_region_and_england_from_its_year_to_today(stories):
    this_year = financial_year(timezone.localdate())
    story = StoryFactory(project=ProjectFactory(lead_region=region("south-west")))
    clear_marks()
    story.save()
    assert not marks()  # a draft has no date and counts nowhere
    story.status, story.first_published_at = "published", london(2016, 5, 3, 9)
    story.save()
    assert {("south-west", YEAR), ("national", YEAR), ("south-west", this_year)} <= marks()
    assert {scope for scope, _ in marks()} == {"south-west", "national"}
    rollup_incremental()
    assert not PendingRollup.objects.exists()
    assert story_figures("south-west", YEAR, 1)["stories_published"] == 1
    assert story_figures("national", YEAR)["stories_in_archive"] == 4
    story.status = "withdrawn"
    story.save()
    assert ("south-west", YEAR) in marks()
    rollup_incremental()
    assert story_figures("south-west", YEAR)["stories_in_archive"] == 0
    assert story_figures("national", YEAR)["stories_in_archive"] == 3


def test_changing_a_story_or_reuse_date_marks_both_years(stories):
    clear_marks()
    story = Story.objects.get(first_published_at=london(2017, 1, 10, 9))
    story.first_published_at = london(2018, 6, 1, 9)
    story.save()
    assert {("oxford", YEAR), ("oxford", "2018-19"), ("national", YEAR)} <= marks()
    rollup_incremental()
    assert story_figures("oxford", YEAR)["stories_published"] == 0
    assert story_figures("oxford", "2018-19")["stories_published"] == 1
    reuse = StoryReuse.objects.get(project__lead_region__slug="south-west")
    reuse.started_at = london(2015, 9, 1, 9)
    reuse.save()
    assert ("south-west", "2015-16") in marks()
    rollup_incremental()
    assert story_figures("south-west", "2015-16")["projects_from_stories"] == 1
    assert story_figures("south-west", YEAR)["projects_from_stories"] == 0


def test_starting_and_deleting_a_reuse_marks_the_new_projects_region(stories):
    story = Story.objects.filter(status="published").first()
    clear_marks()
    reuse = StoryReuse.objects.create(
        story=story, project=ProjectFactory(lead_region=region("eastern"))
    )
    this_year = financial_year(timezone.localdate())
    assert {("eastern", this_year), ("national", this_year)} <= marks()
    rollup_incremental()
    assert story_figures("eastern", this_year)["projects_from_stories"] == 1
    reuse.delete()
    assert ("eastern", this_year) in marks()
    rollup_incremental()
    assert story_figures("eastern", this_year)["projects_from_stories"] == 0


def test_a_project_led_elsewhere_takes_its_story_and_reuse_with_it(stories):
    story = Story.objects.get(first_published_at=london(2016, 6, 30, 23, 30))
    clear_marks()
    project = story.project
    project.lead_region = region("eastern")
    project.save()
    assert {("wessex", YEAR), ("eastern", YEAR)} <= marks()
    rollup_incremental()
    assert story_figures("eastern", YEAR, 1)["stories_published"] == 1
    assert story_figures("wessex", YEAR, 1)["stories_published"] == 0
    reused = StoryReuse.objects.get(project__lead_region__slug="oxford").project
    reused.lead_region = region("eastern")
    reused.save()
    rollup_incremental()
    assert story_figures("eastern", YEAR, 2)["projects_from_stories"] == 1
    assert story_figures("oxford", YEAR)["projects_from_stories"] == 0


def test_deleting_a_story_marks_and_removes_it(stories):
    story = Story.objects.get(first_published_at=london(2017, 1, 10, 9))
    clear_marks()
    story.project.delete()
    assert ("oxford", YEAR) in marks() and ("national", YEAR) in marks()
    rollup_incremental()
    assert story_figures("oxford", YEAR)["stories_published"] == 0
    assert story_figures("national", YEAR)["stories_published"] == 2
