"""The stories in the dashboards' "Spreading what works" section: stories published in the public
archive and the projects started from them, from stored figures (reporting/rollups/stories.py).
"""

from core.wording import plural
from reporting.presenters.figures import Values, shown
from reporting.presenters.filters import Filters
from reporting.presenters.periods import period_end, period_label

STORIES_NOTE = (
    "A story counts in the region that leads its project, and a project started from a story in "
    "the region that leads the new project, so the regions add up to England. A story counts "
    "while it is published: one withdrawn no longer counts in any period."
)


def _were(n: int) -> str:
    return "was" if n == 1 else "were"


def _stories(n: int) -> str:
    return plural(n, "story", "stories")


def story_sentences(values: Values, filters: Filters) -> list[str]:
    """'2 stories were published in the archive in 2016/17; at the end of 2016/17 it held 5
    stories.', '3 projects were started from a story in 2016/17.'"""
    when = period_label(filters.year, filters.quarter)
    end = period_end(filters.year, filters.quarter)
    published, held = values["stories_published"], values["stories_in_archive"]
    started = values["projects_from_stories"]
    return [
        f"{_stories(published)} {_were(published)} published in the archive in {when}; "
        f"at the end of {end} it held {_stories(held)}.",
        f"{plural(started, 'project')} {_were(started)} started from a story in {when}.",
    ]


def story_tiles(values: Values, filters: Filters) -> list[dict]:
    end = period_end(filters.year, filters.quarter)
    items = [
        (values["stories_published"], "stories published"),
        (values["projects_from_stories"], "projects started from a story"),
        (values["stories_in_archive"], f"stories in the archive at the end of {end}"),
    ]
    return [{"value": f"{value:,}", "label": label} for value, label in items]


STORY_TABLE_COLUMNS = (
    ("stories_published", "Stories published"),
    ("stories_in_archive", "Stories in the archive at the end"),
    ("projects_from_stories", "Projects started from a story"),
)


def story_region_rows(named_values: list[tuple[str, Values]]) -> list[dict]:
    """One row of story figures per (name, values), in the order given."""
    return [
        {"name": name, "cells": [shown(values[key]) for key, _ in STORY_TABLE_COLUMNS]}
        for name, values in named_values
    ]
