"""The dashboards' filters: read from the query string, written back into links, and shown as
NHS select fields."""

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from core.fiscal import QUARTER_MONTHS, QUARTERS, WHOLE_YEAR, quarter_bounds, year_label
from projects.models import Topic
from reporting.presenters.figures import SORT_KEYS


def topic_label(topic: str) -> str:
    return Topic(topic).label if topic else "All topics"


@dataclass(frozen=True)
class Filters:
    year: str = ""
    quarter: int = WHOLE_YEAR
    region: str = ""
    topic: str = ""
    sort: str = "region"
    recorded: tuple[str, ...] = ()  # the scope's years with records (not in the query string)

    def query(self, **changes) -> str:
        """The query string that chooses these filters (with `changes`), defaults left out."""
        chosen = replace(self, **changes)
        pairs = [
            ("year", chosen.year),
            ("quarter", chosen.quarter or ""),
            ("region", chosen.region),
            ("topic", chosen.topic),
            ("sort", "" if chosen.sort == "region" else chosen.sort),
        ]
        encoded = urlencode([(key, value) for key, value in pairs if value])
        return f"?{encoded}" if encoded else ""


def default_year(years: list[str], today: date, with_records: list[str] | None = None) -> str:
    """The latest year begun by today with records (the current one once anything is recorded
    in it), else the latest year begun, else the latest."""
    begun = [year for year in years if quarter_bounds(year, WHOLE_YEAR)[0] <= today]
    recorded = [year for year in begun if year in set(with_records or ())]
    return (recorded or begun or years or [""])[-1]


def trend_years(years: list[str], with_records: list[str]) -> list[str]:
    """The stored years from the first with records to the last: no run of empty years at
    either end (every year when none has records)."""
    recorded = [year for year in years if year in set(with_records)]
    if not recorded:
        return years
    return [year for year in years if recorded[0] <= year <= recorded[-1]]


def read_filters(
    params, *, years: list[str], region_slugs, today: date, with_records: list[str] | None = None
) -> Filters:
    """The filters asked for; anything unknown falls back to its default."""
    year = params.get("year", "")
    quarter = params.get("quarter", "")
    sort = params.get("sort", "")
    return Filters(
        year=year if year in years else default_year(years, today, with_records),
        quarter=int(quarter) if quarter in {str(q) for q in QUARTERS} else WHOLE_YEAR,
        region=params.get("region", "") if params.get("region") in region_slugs else "",
        topic=params.get("topic", "") if params.get("topic") in Topic.values else "",
        sort=sort if sort.removeprefix("-") in SORT_KEYS else "region",
        recorded=tuple(with_records or ()),
    )


def _select(name: str, label: str, chosen, items) -> dict:
    return {
        "id": f"filter-{name}",
        "name": name,
        "label": {"text": label},
        "classes": "nhsuk-u-width-full",
        "items": [
            {"value": value, "text": text, "selected": value == str(chosen)}
            for value, text in items
        ],
    }


def filter_fields(filters: Filters, *, years: list[str], regions) -> list[dict]:
    """NHS select parameters: financial year, quarter, region (when there is a choice), topic."""
    fields = [
        _select(
            "year",
            "Financial year",
            filters.year,
            [(year, year_label(year)) for year in reversed(years)],
        ),
        _select(
            "quarter",
            "Period",
            filters.quarter or "",
            [("", "Whole year"), *((str(q), f"Q{q} ({QUARTER_MONTHS[q]})") for q in QUARTERS)],
        ),
    ]
    if regions:
        fields.append(
            _select(
                "region",
                "Region",
                filters.region,
                [
                    ("", "England (all regions)"),
                    *((region.slug, region.name) for region in regions),
                ],
            )
        )
    fields.append(
        _select("topic", "Project topic", filters.topic, [("", "All topics"), *Topic.choices])
    )
    return fields
