"""Display values for the national and regional dashboards, from stored rollup figures.

Views hand over flat figures ({metric: value}, as `regions.rollups.read` returns them) and the
chosen filters; this module turns them into sentences, tiles, table rows with sort links, filter
choices and the rows the downloads write. It makes no queries: every number was stored by a run.
"""

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from django.utils import timezone

from measurement.presenters.measure import assurance_tag, variation_tag
from projects.models import ProjectStatus, Topic
from projects.presenters.portfolio import portfolio_href
from regions.models import TrainingType
from regions.rollups.arithmetic import CONCERN, IMPROVING, ORGANISATION_GROUPS, TRAINING_TYPES
from regions.rollups.periods import QUARTERS, WHOLE_YEAR, quarter_bounds

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December",
                  4: "January to March"}
ORGANISATION_LABELS = {"care_home": "Care homes", "primary_care": "Primary care",
                       "provider": "Providers (NHS trusts)", "other": "Other organisations"}
# The order the programme reports training in; the rest follow.
TRAINING_ORDER = ("safety_culture", "safety_leadership", "measurement", "qi_capability",
                  "human_factors", "other")
TRAINING_WORDS = {"safety_culture": "safety culture", "safety_leadership": "safety leadership",
                  "measurement": "measurement", "qi_capability": "QI capability",
                  "human_factors": "human factors", "other": "other subjects"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # in full: downloads and the breakdown tables
    short: str = ""  # the region table's header


FIGURES = (
    Column("projects_started", "QI projects started", "Projects started"),
    Column("projects_completed", "QI projects completed", "Projects completed"),
    Column("projects_active", "QI projects active at the end of the period", "Projects active"),
    Column("people_trained", "People trained", "People trained"),
    *(Column(f"people_trained.{kind}", f"People trained: {TrainingType(kind).label}")
      for kind in TRAINING_TYPES),
    Column("patients_trained", "Of whom patients and carers"),
    Column("champions_recruited", "Patient safety champions, Q fellows and QI experts recruited",
           "Champions recruited"),
    Column("organisations_engaged", "Organisations engaged", "Organisations engaged"),
    *(Column(f"organisations_engaged.{group}", f"Organisations engaged: {label}")
      for group, label in ORGANISATION_LABELS.items()),
    Column("measures_improving", "Measures showing special cause improvement at period end"),
    Column("measures_concern", "Measures showing special cause concern at period end"),
)
TABLE_COLUMNS = tuple(column for column in FIGURES if column.short)
SORT_KEYS = ("region", *(column.key for column in TABLE_COLUMNS))

Values = dict[str, int | None]


def _count(value) -> int:
    return int(round(value or 0))


def scope_values(flat: dict[str, float], topic: str = "") -> Values:
    """One scope's figures as shown. Under a topic, projects come from the topic's metrics, and
    completions, which are not stored by topic, are None."""
    projects = (lambda metric: f"{metric}.topic.{topic}") if topic else (lambda metric: metric)
    values: Values = {
        "projects_started": _count(flat.get(projects("projects_started"))),
        "projects_completed": None if topic else _count(flat.get("projects_completed")),
        "projects_active": _count(flat.get(projects("projects_active"))),
        "people_trained": _count(flat.get("staff_trained.total")),
        "patients_trained": _count(flat.get("patients_trained")),
        "champions_recruited": _count(flat.get("champions_recruited.total")),
        "organisations_engaged": _count(flat.get("organisations_engaged.total")),
        "measures_improving": _count(flat.get("measures_improving")),
        "measures_concern": _count(flat.get("measures_concern")),
    }
    for kind in TRAINING_TYPES:
        values[f"people_trained.{kind}"] = _count(flat.get(f"staff_trained.{kind}"))
    for group in ORGANISATION_GROUPS:
        metric = f"organisations_engaged.{group}"
        values[metric] = _count(flat.get(metric))
    return values


def shown(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def plural(count: int, noun: str, nouns: str = "") -> str:
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


# Periods and filters -----------------------------------------------------------------------


def year_label(year: str) -> str:
    """'2016-17' -> '2016/17', as the programme writes financial years."""
    return year.replace("-", "/")


def _months(year: str, quarter: int) -> str:
    return f"{QUARTER_MONTHS[quarter]} {quarter_bounds(year, quarter)[1].year}"


def period_label(year: str, quarter: int) -> str:
    """'2016/17', or 'Q1 2016/17 (April to June 2016)'."""
    if quarter == WHOLE_YEAR:
        return year_label(year)
    return f"Q{quarter} {year_label(year)} ({_months(year, quarter)})"


def period_end(year: str, quarter: int) -> str:
    """'2016/17' for a year, 'June 2016' for its first quarter."""
    if quarter == WHOLE_YEAR:
        return year_label(year)
    last = quarter_bounds(year, quarter)[1]
    return f"{MONTHS[last.month - 1]} {last.year}"


def topic_label(topic: str) -> str:
    return Topic(topic).label if topic else "All topics"


@dataclass(frozen=True)
class Filters:
    year: str = ""
    quarter: int = WHOLE_YEAR
    region: str = ""
    topic: str = ""
    sort: str = "region"

    def query(self, **changes) -> str:
        """The query string that chooses these filters (with `changes`), defaults left out."""
        chosen = replace(self, **changes)
        pairs = [("year", chosen.year), ("quarter", chosen.quarter or ""),
                 ("region", chosen.region), ("topic", chosen.topic),
                 ("sort", "" if chosen.sort == "region" else chosen.sort)]
        encoded = urlencode([(key, value) for key, value in pairs if value])
        return f"?{encoded}" if encoded else ""


def default_year(years: list[str], today: date) -> str:
    """The latest year that has ended (the programme reports whole years), else the latest."""
    ended = [year for year in years if quarter_bounds(year, WHOLE_YEAR)[1] < today]
    return (ended or years or [""])[-1]


def read_filters(params, *, years: list[str], region_slugs, today: date) -> Filters:
    """The filters asked for; anything unknown falls back to its default."""
    year = params.get("year", "")
    quarter = params.get("quarter", "")
    sort = params.get("sort", "")
    return Filters(
        year=year if year in years else default_year(years, today),
        quarter=int(quarter) if quarter in {str(q) for q in QUARTERS} else WHOLE_YEAR,
        region=params.get("region", "") if params.get("region") in region_slugs else "",
        topic=params.get("topic", "") if params.get("topic") in Topic.values else "",
        sort=sort if sort.removeprefix("-") in SORT_KEYS else "region",
    )


def _select(name: str, label: str, chosen, items) -> dict:
    return {"id": f"filter-{name}", "name": name, "label": {"text": label},
            "classes": "nhsuk-u-width-full",
            "items": [{"value": value, "text": text, "selected": value == str(chosen)}
                      for value, text in items]}


def filter_fields(filters: Filters, *, years: list[str], regions) -> list[dict]:
    """NHS select parameters: financial year, quarter, region (when there is a choice), topic."""
    fields = [
        _select("year", "Financial year", filters.year,
                [(year, year_label(year)) for year in reversed(years)]),
        _select("quarter", "Period", filters.quarter or "",
                [("", "Whole year"), *((str(q), f"Q{q} ({QUARTER_MONTHS[q]})")
                                       for q in QUARTERS)]),
    ]
    if regions:
        fields.append(_select("region", "Region", filters.region,
                              [("", "England (all regions)"),
                               *((region.slug, region.name) for region in regions)]))
    fields.append(_select("topic", "Project topic", filters.topic,
                          [("", "All topics"), *Topic.choices]))
    return fields


# Headline figures --------------------------------------------------------------------------


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _training_sentences(subject: str, values: Values, when: str) -> list[str]:
    sentence = f"{subject} trained {plural(values['people_trained'], 'person', 'people')} {when}"
    if values["patients_trained"]:
        patients = plural(values["patients_trained"], "patient or carer", "patients and carers")
        sentence += f", including {patients}"
    sentences = [sentence + "."]
    kinds = [(values[f"people_trained.{kind}"], TRAINING_WORDS[kind]) for kind in TRAINING_ORDER
             if values[f"people_trained.{kind}"]]
    if kinds:
        verb = "was" if kinds[0][0] == 1 else "were"
        parts = [f"{kinds[0][0]:,} {verb} trained in {kinds[0][1]}",
                 *(f"{count:,} in {words}" for count, words in kinds[1:])]
        sentences.append(f"Of them, {_listed(parts)}.")
    return sentences


def _organisation_sentence(subject: str, values: Values, when: str) -> str:
    sentence = (f"{subject} engaged {plural(values['organisations_engaged'], 'organisation')} "
                f"{when}")
    groups = [plural(values["organisations_engaged.care_home"], "care home"),
              f"{values['organisations_engaged.primary_care']:,} in primary care",
              plural(values["organisations_engaged.provider"], "provider")]
    counts = [values[f"organisations_engaged.{g}"] for g in ("care_home", "primary_care",
                                                              "provider")]
    shown_groups = [text for text, count in zip(groups, counts, strict=True) if count]
    return sentence + (f", including {_listed(shown_groups)}." if shown_groups else ".")


def _project_sentences(subject: str, values: Values, when: str, end: str, topic: str) -> list:
    if topic:
        label = topic_label(topic).lower()
        noun = "other QI projects" if topic == "other" else f"QI projects on {label}"
        active = values["projects_active"]
        return [f"{subject} started {values['projects_started']:,} {noun} {when}.",
                f"At the end of {end}, {active:,} {noun} {'was' if active == 1 else 'were'} "
                "active."]
    return [f"{subject} started {plural(values['projects_started'], 'QI project')} {when} "
            f"and completed {values['projects_completed']:,}.",
            f"At the end of {end}, {plural(values['projects_active'], 'QI project')} "
            f"{'was' if values['projects_active'] == 1 else 'were'} active."]


def headline_sentences(subject: str, values: Values, filters: Filters) -> list[str]:
    """'We trained 10,150 people in 2016/17, including 400 patients and carers.', ..."""
    when = f"in {period_label(filters.year, filters.quarter)}"
    end = period_end(filters.year, filters.quarter)
    champions = values["champions_recruited"]
    return [
        *_training_sentences(subject, values, when),
        f"{subject} recruited {champions:,} patient safety champions, Q fellows and QI experts "
        f"{when}.",
        _organisation_sentence(subject, values, when),
        *_project_sentences(subject, values, when, end, filters.topic),
        f"At the end of {end}, {plural(values['measures_improving'], 'measure')} showed "
        f"special cause improvement and {values['measures_concern']:,} special cause concern.",
    ]


def tiles(values: Values, filters: Filters) -> list[dict]:
    """The big numbers, each with what it counts."""
    on_topic = f" ({topic_label(filters.topic).lower()})" if filters.topic else ""
    end = period_end(filters.year, filters.quarter)
    items = [
        (values["people_trained"], "people trained"),
        (values["champions_recruited"], "champions, Q fellows and QI experts recruited"),
        (values["organisations_engaged"], "organisations engaged"),
        (values["projects_started"], f"QI projects started{on_topic}"),
        (values["projects_completed"], "QI projects completed"),
        (values["projects_active"], f"QI projects active at the end of {end}{on_topic}"),
    ]
    return [{"value": f"{value:,}", "label": label} for value, label in items
            if value is not None]


def breakdown_rows(values: Values, prefix: str, labels: dict[str, str]) -> list[dict]:
    return [{"label": label, "value": shown(values[f"{prefix}.{key}"])}
            for key, label in labels.items()]


def organisation_rows(values: Values) -> list[dict]:
    return breakdown_rows(values, "organisations_engaged", ORGANISATION_LABELS)


def training_rows(values: Values) -> list[dict]:
    labels = {kind: TrainingType(kind).label for kind in TRAINING_TYPES}
    return breakdown_rows(values, "people_trained", labels)


def patients_note(values: Values) -> str:
    return (f"The people trained include "
            f"{plural(values['patients_trained'], 'patient or carer', 'patients and carers')}.")


# The region table --------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    label: str
    href: str
    aria_sort: str  # "ascending" or "descending" on the sorted column, else ""
    action: str  # read after the label: what following the link does
    numeric: bool


@dataclass(frozen=True)
class TableRow:
    name: str
    href: str
    cells: tuple[str, ...]
    values: Values


def _header(key: str, label: str, sort: str, href) -> Header:
    numeric = key != "region"
    current = sort.removeprefix("-") == key
    descending = sort.startswith("-")
    first = f"-{key}" if numeric else key  # biggest numbers first; names A to Z
    following = (key if descending else f"-{key}") if current else first
    words = ("lowest first", "highest first") if numeric else ("A to Z", "Z to A")
    return Header(label=label, href=href(following),
                  aria_sort=("descending" if descending else "ascending") if current else "",
                  action=f"sort {words[following.startswith('-')]}", numeric=numeric)


def sorted_rows(rows: list[TableRow], sort: str) -> list[TableRow]:
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    by_name = sorted(rows, key=lambda row: row.name.casefold(), reverse=descending)
    if key == "region":
        return by_name
    known = [row for row in by_name if row.values[key] is not None]
    unknown = [row for row in by_name if row.values[key] is None]
    # Python's sort is stable with reverse too, so equal figures keep their name order.
    return sorted(known, key=lambda row: row.values[key], reverse=descending) + unknown


def table_row(name: str, href: str, values: Values) -> TableRow:
    return TableRow(name=name, href=href, values=values,
                    cells=tuple(shown(values[column.key]) for column in TABLE_COLUMNS))


def region_table(rows: list[TableRow], total: TableRow, filters: Filters, page_href: str) -> dict:
    """Headers that sort (a link each, `aria-sort` on the sorted one), the rows in that order,
    and England's row to close the table."""
    def href(sort: str) -> str:
        return f"{page_href}{filters.query(sort=sort)}#regions"

    headers = [_header("region", "Region", filters.sort, href),
               *(_header(c.key, c.short, filters.sort, href) for c in TABLE_COLUMNS)]
    return {"headers": headers, "rows": sorted_rows(rows, filters.sort), "total": total}


# Refreshes ---------------------------------------------------------------------------------


def moment(when) -> str:
    """'2:31pm on 26 November 2026' (local time)."""
    local = timezone.localtime(when)
    hour = local.hour % 12 or 12
    return (f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'} on {local.day} "
            f"{MONTHS[local.month - 1]} {local.year}")


def refreshed_sentence(run) -> str:
    if run is None:
        return "The figures have not been computed yet."
    return f"Figures last refreshed at {moment(run.finished_at)}."


def refresh_progress(run, *, show_error: bool) -> dict:
    """The latest full refresh in words, and whether to keep asking how it is going."""
    if run is None:
        return {"text": "No full refresh has run yet.", "running": False, "error": ""}
    done = f"{run.scopes_done:,} of {run.scopes_total:,} scopes"
    if run.error:
        return {"text": f"The full refresh started at {moment(run.started_at)} stopped with an "
                        f"error after {done}.",
                "running": False, "error": run.error if show_error else ""}
    if run.finished_at is None:
        return {"text": f"Refreshing: {done} done. Started at {moment(run.started_at)}.",
                "running": True, "error": ""}
    return {"text": f"The last full refresh finished at {moment(run.finished_at)} ({done}).",
            "running": False, "error": ""}


# The regional dashboard's portfolio and measures -------------------------------------------


def portfolio_table(counted, region_slug: str) -> dict:
    """Projects by topic (rows) and status (columns), from rows like
    {"topic": "falls", "status": "active", "n": 3}; each topic and status links to the
    portfolio filtered by it."""
    counts: dict[tuple[str, str], int] = {(r["topic"], r["status"]): r["n"] for r in counted}
    statuses = [{"label": status.label,
                 "href": portfolio_href(region=region_slug, status=status.value),
                 "total": f"{sum(n for (_, s), n in counts.items() if s == status):,}"}
                for status in ProjectStatus]
    rows = [{"topic": topic.label, "href": portfolio_href(region=region_slug, topic=topic.value),
             "cells": [f"{counts.get((topic.value, status.value), 0):,}"
                       for status in ProjectStatus],
             "total": f"{sum(n for (t, _), n in counts.items() if t == topic):,}"}
            for topic in Topic if any(t == topic for t, _ in counts)]
    return {"statuses": statuses, "rows": rows, "total": f"{sum(counts.values()):,}",
            "href": portfolio_href(region=region_slug)}


def signal_page_param(variation: str) -> str:
    return f"{variation.removeprefix('special_cause_')}_page"


def signal_groups(pages: dict, params) -> list[dict]:
    """The measures showing special cause improvement, then concern, a page of each (`pages`:
    {variation: Page}), each linking to its chart; `params` is the request's query."""
    groups = []
    for variation, heading in ((IMPROVING, "Showing improvement"), (CONCERN, "Of concern")):
        page = pages[variation]
        rows = [{"name": m.name, "href": m.get_absolute_url(), "project": m.project.title,
                 "project_href": m.project.get_absolute_url(),
                 "assurance": assurance_tag(m.assurance)}
                for m in page.object_list]
        others = params.copy()
        others.pop(signal_page_param(variation), None)
        groups.append({"heading": heading, "tag": variation_tag(variation), "rows": rows,
                       "id": f"measures-{variation.replace('_', '-')}", "page": page,
                       "param": signal_page_param(variation), "query": others.urlencode()})
    return groups
