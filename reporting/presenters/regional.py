"""The regional dashboard's own parts: its portfolio by topic and status, and its measures
showing special cause variation."""

from django.core.paginator import Page, Paginator

from measurement.presenters.measure import assurance_tag, variation_tag
from measurement.spc.codes import Variation
from projects.models import ProjectStatus, Topic
from projects.presenters.portfolio import portfolio_href


def portfolio_table(counted, region_slug: str) -> dict:
    """Projects by topic (rows) and status (columns), from rows like
    {"topic": "falls", "status": "active", "n": 3}; each topic and status links to the
    portfolio filtered by it."""
    counts: dict[tuple[str, str], int] = {(r["topic"], r["status"]): r["n"] for r in counted}
    statuses = [
        {
            "label": status.label,
            "href": portfolio_href(region=region_slug, status=status.value),
            "total": f"{sum(n for (_, s), n in counts.items() if s == status):,}",
        }
        for status in ProjectStatus
    ]
    rows = [
        {
            "topic": topic.label,
            "href": portfolio_href(region=region_slug, topic=topic.value),
            "cells": [
                f"{counts.get((topic.value, status.value), 0):,}" for status in ProjectStatus
            ],
            "total": f"{sum(n for (t, _), n in counts.items() if t == topic):,}",
        }
        for topic in Topic
        if any(t == topic for t, _ in counts)
    ]
    return {
        "statuses": statuses,
        "rows": rows,
        "total": f"{sum(counts.values()):,}",
        "href": portfolio_href(region=region_slug),
    }


def signal_page_param(variation: str) -> str:
    return f"{variation.removeprefix('special_cause_')}_page"


def signal_page(page) -> dict:
    """A Django Page of measures showing special cause variation as plain values, so it can be
    kept in the cache and shown again with any query (`signal_groups`)."""
    return {
        "rows": [
            {
                "name": m.name,
                "href": m.get_absolute_url(),
                "project": m.project.title,
                "project_href": m.project.get_absolute_url(),
                "assurance": assurance_tag(m.assurance),
            }
            for m in page.object_list
        ],
        "number": page.number,
        "count": page.paginator.count,
        "per_page": page.paginator.per_page,
    }


def signal_groups(pages: dict, params) -> list[dict]:
    """The measures showing special cause improvement, then concern, a page of each (`pages`:
    {variation: `signal_page(...)`}), each linking to its chart; `params` is the request's
    query, which the pagination links keep."""
    groups = []
    for variation, heading in (
        (Variation.IMPROVEMENT, "Showing improvement"),
        (Variation.CONCERN, "Of concern"),
    ):
        shown = pages[variation]
        # range(count) stands in for the measures: the paginator only counts and slices it.
        paginator = Paginator(range(shown["count"]), shown["per_page"])
        others = params.copy()
        others.pop(signal_page_param(variation), None)
        groups.append(
            {
                "heading": heading,
                "tag": variation_tag(variation),
                "rows": shown["rows"],
                "id": f"measures-{variation.replace('_', '-')}",
                "page": Page(shown["rows"], shown["number"], paginator),
                "param": signal_page_param(variation),
                "query": others.urlencode(),
            }
        )
    return groups
