"""Display strings for activity records: table columns, totals, summaries. Templates hold no
arithmetic and no per-kind logic; they loop over what these return."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.wording import long_date, plural, thousands
from regions.activity.csv_import import ODS, allowed_values, columns_for
from regions.activity.kinds import CHAMPIONS, CULTURE, ENGAGEMENT, TRAINING, Kind
from regions.activity.rules import date_name
from regions.models import ChampionKind, CultureTool, EngagementRoute, QILevel, TrainingType


@dataclass(frozen=True)
class Column:
    header: str
    value: Any  # record -> str
    numeric: bool = False


def _organisation(record) -> str:
    return str(record.organisation) if record.organisation_id else "–"


def _date(kind: Kind):
    return lambda record: long_date(kind.date_of(record))


COLUMNS = {
    TRAINING: [
        Column("Date", _date(TRAINING)),
        Column("Course or programme", lambda r: r.course),
        Column("Type", lambda r: r.get_training_type_display()),
        Column("Level", lambda r: r.get_qi_level_display() or "–"),
        Column("People trained", lambda r: thousands(r.people_trained), numeric=True),
        Column(
            "Of them, patients or carers", lambda r: thousands(r.patients_trained), numeric=True
        ),
        Column("Organisation", _organisation),
    ],
    CHAMPIONS: [
        Column("Date", _date(CHAMPIONS)),
        Column("Kind of champion", lambda r: r.get_kind_display()),
        Column("Number recruited", lambda r: thousands(r.count), numeric=True),
    ],
    ENGAGEMENT: [
        Column("Organisation", lambda r: r.organisation.name),
        Column("ODS code", lambda r: r.organisation.ods_code or "–"),
        Column("Date first engaged", _date(ENGAGEMENT)),
        Column("How", lambda r: r.get_route_display()),
    ],
    CULTURE: [
        Column("Date", _date(CULTURE)),
        Column("Team", lambda r: r.team),
        Column("Organisation", _organisation),
        Column("Tool", lambda r: r.get_tool_display()),
    ],
}

HEADLINE = {
    TRAINING: "People trained",
    CHAMPIONS: "Champions recruited",
    ENGAGEMENT: "Organisations engaged",
    CULTURE: "Assessments",
}
CATEGORIES = {
    TRAINING: TrainingType,
    CHAMPIONS: ChampionKind,
    ENGAGEMENT: EngagementRoute,
    CULTURE: CultureTool,
}
TOTALS_HEADERS = {
    TRAINING: ("Training type", "People trained"),
    CHAMPIONS: ("Kind of champion", "Recruited"),
    ENGAGEMENT: ("How engaged", "Organisations"),
    CULTURE: ("Tool", "Assessments"),
}
TOTAL_LABEL = {
    TRAINING: "All training",
    CHAMPIONS: "All champions",
    ENGAGEMENT: "All organisations",
    CULTURE: "All assessments",
}
INTRODUCTION = {
    TRAINING: "Training the collaborative delivered, and how many staff, patients and carers "
    "took part.",
    CHAMPIONS: "Patient safety champions, Q fellows and QI experts the collaborative recruited.",
    ENGAGEMENT: "Organisations the collaborative works with, each recorded once, from the date "
    "it was first engaged.",
    CULTURE: "Safety culture assessments of teams, and the tool each used.",
}


def breadcrumbs(region, overview_href: str, list_href: str, kind: Kind | None) -> list[dict]:
    """Home, Regions, the region, then (below the overview) its activity and the kind's list."""
    trail = [
        {"text": "Home", "href": reverse("home")},
        {"text": "Regions", "href": reverse("regions:list")},
        {"text": region.name, "href": region.get_absolute_url()},
    ]
    if overview_href:
        trail.append({"text": "Activity records", "href": overview_href})
    if list_href:
        trail.append({"text": kind.title, "href": list_href})
    return trail


def _in_sentence(label: str) -> str:
    """'Patient safety champion' -> 'patient safety champion'; 'QI expert' stays."""
    return label if label[1:2].isupper() or label[1:2] == " " else label[0].lower() + label[1:]


def describe(kind: Kind, record) -> str:
    """A record in a few words, for headings, messages and the hidden text of its links."""
    day = long_date(kind.date_of(record))
    if kind is TRAINING:
        return f"the training “{record.course}” on {day}"
    if kind is CHAMPIONS:
        what = plural(record.count, _in_sentence(record.get_kind_display()))
        return f"the recruitment of {what} on {day}"
    if kind is ENGAGEMENT:
        return f"the engagement of {record.organisation.name} from {day}"
    return f"the assessment of {record.team} on {day}"


def table(kind: Kind, records, region_slug: str, may_write: bool) -> dict:
    return {
        "headers": [(column.header, column.numeric) for column in COLUMNS[kind]],
        "rows": [_row(kind, record, region_slug, may_write) for record in records],
    }


def _row(kind: Kind, record, region_slug: str, may_write: bool) -> dict:
    args = (region_slug, kind.slug, record.pk)
    return {
        "cells": [(c.header, c.value(record), c.numeric) for c in COLUMNS[kind]],
        "change_href": reverse("activity:update", args=args) if may_write else "",
        "delete_href": reverse("activity:delete", args=args) if may_write else "",
        "description": describe(kind, record),
    }


def totals_table(kind: Kind, totals: dict) -> dict:
    """The headline figure by category, its total, then (training) patients and QI levels."""
    header, figure = TOTALS_HEADERS[kind]
    rows = [
        (label, thousands(totals["by_category"].get(code, 0)))
        for code, label in CATEGORIES[kind].choices
    ]
    extra = []
    if kind is TRAINING:
        extra.append(("Of them, patients or carers", thousands(totals["patients"])))
        extra.extend(
            (f"QI capability, {label.lower()} level", thousands(totals["by_level"].get(code, 0)))
            for code, label in QILevel.choices
        )
    return {
        "header": header,
        "figure": figure,
        "rows": rows,
        "extra": extra,
        "total": (TOTAL_LABEL[kind], thousands(totals["headline"])),
    }


def summary(kind: Kind, record) -> list[tuple[str, str]]:
    return [(column.header, column.value(record)) for column in COLUMNS[kind]]


def overview_rows(region_slug: str, figures) -> list[dict]:
    return [
        {
            "title": kind.title,
            "href": reverse("activity:list", args=[region_slug, kind.slug]),
            "headline": HEADLINE[kind],
            "records": thousands(every["records"]),
            "all_years": thousands(every["headline"]),
            "this_year": thousands(year["headline"]),
        }
        for kind, every, year in figures
    ]


def field_overrides(kind: Kind) -> dict[str, dict]:
    """Widths and keyboard hints for the NHS inputs, by field name."""
    number = {"classes": "nhsuk-input--width-5", "inputmode": "numeric"}
    return {
        "organisation_ods_code": {"classes": "nhsuk-input--width-10", "spellcheck": False},
        kind.date_field: {"classes": "nhsuk-input--width-10"},
        "people_trained": number,
        "patients_trained": number,
        "count": number,
    }


def csv_columns(kind: Kind) -> list[tuple[str, str]]:
    """Each column of the kind's CSV file and what it holds, for the upload page."""
    date_text = (
        f"the {date_name(kind)}, like 2016-06-01 or 01/06/2016: not in the future, nor before 2010"
    )
    organisation = "the organisation's ODS code, like RHM or A81001" + (
        "" if kind is ENGAGEMENT else "; blank for none"
    )
    texts = {
        kind.date_field: date_text,
        "course": "the course or programme",
        "people_trained": "everyone trained, patients and carers included: a whole number",
        "patients_trained": "of them, how many were patients or carers: a whole number, "
        "blank for none",
        "qi_level": f"for QI capability training only: one of {allowed_values('qi_level')}; "
        f"blank for other training",
        "count": "how many were recruited: a whole number, 1 or more",
        "team": "the team assessed",
        ODS: organisation,
    }
    for column in ("training_type", "kind", "route", "tool"):
        texts[column] = f"one of {allowed_values(column)}"
    return [(column, texts[column]) for column in columns_for(kind)]
