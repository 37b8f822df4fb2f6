"""The dashboards' "Spreading what works" section: the catalogue of changes, the organisations
adopting them, and the collaborative programmes with their teams, from stored figures."""

from core.wording import plural
from regions.models import OrganisationType
from reporting.presenters.figures import Values, shown
from reporting.presenters.filters import Filters
from reporting.presenters.periods import period_end, period_label

ONCE = (
    "An organisation counts once in each period, however many changes it adopts; an adoption "
    "counts while it is testing, implemented or sustained (not planned or abandoned)."
)


def _were(n: int) -> str:
    return "was" if n == 1 else "were"


# Each organisation type in a sentence: one, and many.
TYPE_WORDS = {
    "acute_trust": ("acute trust", "acute trusts"),
    "mental_health_trust": ("mental health trust", "mental health trusts"),
    "community_trust": ("community trust", "community trusts"),
    "ambulance_trust": ("ambulance trust", "ambulance trusts"),
    "primary_care": ("GP practice or primary care body", "GP practices and primary care bodies"),
    "care_home": ("care home", "care homes"),
    "commissioner": ("commissioner", "commissioners"),
    "local_authority": ("local authority", "local authorities"),
    "voluntary_sector": ("voluntary sector body", "voluntary sector bodies"),
    "university": ("university", "universities"),
    "industry": ("industry partner", "industry partners"),
    "patient_group": ("patient group", "patient groups"),
    "other": ("other organisation", "other organisations"),
}


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def spread_sentences(values: Values, filters: Filters) -> list[str]:
    """'2 changes were published in the catalogue in 2016/17; at the end of 2016/17 it held 12
    changes.', '3 organisations began adopting a change in 2016/17 (2 acute trusts and 1 care
    home). ...'"""
    when = period_label(filters.year, filters.quarter)
    end = period_end(filters.year, filters.quarter)
    published, held = values["changes_published"], values["changes_in_catalogue"]
    began, adopting = values["organisations_adopting"], values["organisations_adopting_at_end"]
    kinds = [
        plural(values[f"organisations_adopting.{kind}"], *TYPE_WORDS[kind])
        for kind in OrganisationType.values
        if values[f"organisations_adopting.{kind}"]
    ]
    programmes, teams = values["programmes_active"], values["member_teams"]
    return [
        f"{plural(published, 'change')} {_were(published)} published in the catalogue in "
        f"{when}; at the end of {end} it held {plural(held, 'change')}.",
        f"{plural(began, 'organisation')} began adopting a change in {when}"
        f"{f' ({_listed(kinds)})' if kinds else ''}. At the end of {end}, "
        f"{plural(adopting, 'organisation')} {_were(adopting)} adopting at least one.",
        f"{plural(programmes, 'collaborative programme')} {_were(programmes)} active in "
        f"{when}, with {plural(teams, 'member team')}.",
    ]


def spread_tiles(values: Values, filters: Filters) -> list[dict]:
    end = period_end(filters.year, filters.quarter)
    items = [
        (values["changes_published"], "changes published in the catalogue"),
        (values["organisations_adopting"], "organisations began adopting a change"),
        (values["organisations_adopting_at_end"], f"organisations adopting at the end of {end}"),
        (values["programmes_active"], "collaborative programmes active"),
        (values["member_teams"], "teams in collaborative programmes"),
        (values["changes_in_catalogue"], f"changes in the catalogue at the end of {end}"),
    ]
    return [{"value": f"{value:,}", "label": label} for value, label in items]


def adoption_type_rows(values: Values) -> dict:
    """Organisations adopting by type: the types with any, both counts each, and the totals
    (an organisation has one type, so the types add up to the total)."""
    rows = [
        {
            "label": label,
            "began": shown(values[f"organisations_adopting.{kind}"]),
            "at_end": shown(values[f"organisations_adopting_at_end.{kind}"]),
        }
        for kind, label in OrganisationType.choices
        if values[f"organisations_adopting.{kind}"]
        or values[f"organisations_adopting_at_end.{kind}"]
    ]
    return {
        "rows": rows,
        "began": shown(values["organisations_adopting"]),
        "at_end": shown(values["organisations_adopting_at_end"]),
    }


SPREAD_TABLE_COLUMNS = (
    ("changes_published", "Changes published"),
    ("organisations_adopting", "Organisations began adopting"),
    ("organisations_adopting_at_end", "Organisations adopting at the end"),
    ("programmes_active", "Programmes active"),
    ("member_teams", "Member teams"),
)


def spread_region_rows(named_values: list[tuple[str, Values]]) -> list[dict]:
    """One row of spread figures per (name, values), in the order given."""
    return [
        {"name": name, "cells": [shown(values[key]) for key, _ in SPREAD_TABLE_COLUMNS]}
        for name, values in named_values
    ]
