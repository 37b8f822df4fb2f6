"""Stories in the public archive, and the projects started from them, per financial year for
every scope at once (as spread.py does for the catalogue and its adoptions).

Where each counts:
- a story in its project's lead region;
- a project started from a story (a `StoryReuse`) in the new project's lead region.
Each belongs to one region, so the regions add up to England, which counts each once.

Periods, by the day in the site's time zone (Europe/London):
- "published" counts the stories published now whose first publication (`first_published_at`)
  falls in the period; publishing again after a withdrawal keeps the first date;
- "in the archive at the end" counts those first published by the period's end, by their
  current status, as adoptions are: a story withdrawn today no longer counts at any period's end
  (nor as published in its period), since a story's status has no dated history;
- "projects started from a story" counts reuses by `started_at`, whatever the story's status.
The marks that keep these fresh: reporting/rollups/stories_triggers.py.
"""

from core.fiscal import WHOLE_YEAR, quarter_bounds
from learning.models import Story, StoryReuse, StoryStatus
from reporting.rollups.compute import (
    ByScope,
    _add,
    _columns,
    _count,
    _in_year,
    _region_and_national,
)
from reporting.rollups.spread import _by_end, _named

# Dates of the moment each was first published or started, in the site's time zone.
PUBLISHED_ON = "first_published_at__date"
STARTED_ON = "started_at__date"
LEAD_REGION = "project__lead_region__slug"


def stories(year: str, by_scope: ByScope) -> None:
    """Stories first published in each period, and in the archive at its end."""
    last = quarter_bounds(year, WHOLE_YEAR)[1]
    published = Story.objects.filter(status=StoryStatus.PUBLISHED, **{f"{PUBLISHED_ON}__lte": last})
    columns = {
        **_columns(year, PUBLISHED_ON, _count, prefix="p"),
        **_by_end(year, PUBLISHED_ON, _count, prefix="k"),
    }
    rows = list(published.values(LEAD_REGION).annotate(**columns))
    both = _region_and_national(LEAD_REGION)
    _add(by_scope, rows, _named("stories_published"), both, "p")
    _add(by_scope, rows, _named("stories_in_archive"), both, "k")


def reuses(year: str, by_scope: ByScope) -> None:
    """Projects started from a story in each period."""
    started = _in_year(StoryReuse.objects.all(), year, STARTED_ON)
    rows = list(
        started.values(LEAD_REGION).annotate(**_columns(year, STARTED_ON, _count, prefix="r"))
    )
    _add(by_scope, rows, _named("projects_from_stories"), _region_and_national(LEAD_REGION), "r")


def stories_and_reuses(year: str, by_scope: ByScope) -> None:
    for part in (stories, reuses):
        part(year, by_scope)
