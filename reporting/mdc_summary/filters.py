"""The summary's filters: a form read from the query string (region, programme, organisation,
topic, variation, assurance, sort), the measures they choose from those the reader may see,
and the query strings that link back to a choice.

A region's measures are those of the projects it leads (the Region column), so the regions'
lists add up to England's. A choice the form does not offer says so on its field; the other
filters still apply.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet

from learning.access import members_visible_to, programmes_visible_to
from measurement.access import measures_visible_to
from measurement.models import Measure
from projects.models import Topic
from projects.selectors import WITH_ORGANISATION, organisations_named, project_ids
from regions import access as regions_access
from regions.models import User
from reporting.mdc_summary.matrix import ASSURANCES, NONE, VARIATIONS, code_of, token
from reporting.mdc_summary.sorting import read_sort

FIELDS = ("region", "programme", "organisation", "topic", "variation", "assurance")


class SummaryFilterForm(forms.Form):
    region = forms.ChoiceField(label="Region", required=False)
    programme = forms.ChoiceField(label="Programme", required=False)
    organisation = forms.CharField(
        label="Organisation name or ODS code",
        help_text="For example, Southampton or RHM",
        required=False,
        max_length=200,
    )
    topic = forms.ChoiceField(
        label="Project topic", required=False, choices=[("", "All topics"), *Topic.choices]
    )
    variation = forms.ChoiceField(
        label="Variation",
        required=False,
        choices=[("", "Any variation"), *((token(c), w) for c, w in VARIATIONS)],
    )
    assurance = forms.ChoiceField(
        label="Assurance",
        required=False,
        choices=[("", "Any assurance"), *((token(c), w) for c, w in ASSURANCES)],
    )

    def __init__(self, data, *, user: User):
        super().__init__(data)
        self.fields["region"].choices = [
            ("", "All regions"),
            *regions_access.regions_visible_to(user).order_by("name").values_list("slug", "name"),
        ]
        self.fields["programme"].choices = [
            ("", "All programmes"),
            *programmes_visible_to(user).order_by("name").values_list("slug", "name"),
        ]

    def chosen(self) -> dict[str, str]:
        """The valid choices made (empty ones left out), whatever else was wrong. The sort is
        chosen by the column headings' links, so an unknown one quietly falls back."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        chosen = {name: cleaned[name] for name in FIELDS if cleaned.get(name)}
        sort = self.data.get("sort", "")
        if sort and read_sort(sort) == sort:
            chosen["sort"] = sort
        return chosen


def filtered_measures(user: User, chosen: dict[str, str]) -> QuerySet[Measure]:
    measures = measures_visible_to(user)
    if "region" in chosen:
        measures = measures.filter(project__lead_region__slug=chosen["region"])
    if "programme" in chosen:
        members = members_visible_to(user).filter(programme__slug=chosen["programme"])
        measures = measures.filter(project__in=members.values("project_id"))
    if "organisation" in chosen:
        named = organisations_named(
            regions_access.organisations_visible_to(user), chosen["organisation"]
        )
        linked = project_ids(WITH_ORGANISATION, organisation_id__in=named.values("id"))
        measures = measures.filter(project__in=linked)
    if "topic" in chosen:
        measures = measures.filter(project__topic=chosen["topic"])
    if "variation" in chosen:
        measures = measures.filter(variation=code_of(chosen["variation"]))
    if "assurance" in chosen:
        measures = measures.filter(assurance=code_of(chosen["assurance"]))
    return measures


def query(chosen: dict[str, str], **changes) -> str:
    """'?region=wessex&variation=none': the choices with `changes` (a blank value drops one)."""
    merged = {**chosen, **changes}
    pairs = [(name, merged[name]) for name in (*FIELDS, "sort", "page") if merged.get(name)]
    encoded = urlencode(pairs)
    return f"?{encoded}" if encoded else ""


def cell_query(chosen: dict[str, str], variation: str, assurance: str) -> str:
    """The list filtered to one cell of the matrix (other filters kept, back to page one)."""
    return query(chosen, variation=token(variation), assurance=token(assurance), page="")


def sort_of(chosen: dict[str, str]) -> str:
    return read_sort(chosen.get("sort", ""))


__all__ = ["NONE", "SummaryFilterForm", "cell_query", "filtered_measures", "query", "sort_of"]
