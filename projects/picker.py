"""The project form's organisation picker: find organisations by part of a name or ODS code,
of one type if chosen, among those of the regions the project runs in (its lead region and
participating regions as the form has them now; before any are chosen, the regions the editor
may lead). Ticked ones join the project's organisations; the server checks them again on save.

The same search answers the page without JavaScript (the form's "Find organisations" button) and
the fragment htmx asks for as you type (views.project.organisation_picker).
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet

from regions.models import Organisation, OrganisationType, Region

RESULTS_SHOWN = 20
SEARCH_ID = "id_organisations"  # the field's error links here: the search box


class OrganisationSearchForm(forms.Form):
    organisation_q = forms.CharField(
        label="Find an organisation by name or ODS code",
        required=False,
        max_length=100,
        help_text="Part of a name or code is enough, like “royal” or “RHM”.",
        widget=forms.TextInput(attrs={"id": SEARCH_ID}),
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        required=False,
        choices=[("", "Any type"), *OrganisationType.choices],
    )


@dataclass
class Found:
    organisations: list[Organisation]
    summary: str  # "3 organisations found", said to screen readers too

    @property
    def items(self) -> list[dict]:
        return organisation_items(self.organisations, checked=False)


def organisation_items(organisations, *, checked: bool) -> list[dict]:
    """Checkboxes for the NHS.UK macro: the name with its code, its type and region beneath."""
    prefix = "organisation-chosen" if checked else "organisation-result"
    return [
        {
            "id": f"{prefix}-{o.pk}",
            "value": str(o.pk),
            "text": str(o),
            "hint": {"text": f"{o.get_type_display()}, {o.region.name}"},
            "checked": checked,
        }
        for o in organisations
    ]


def _ids(values) -> set[int]:
    return {int(v) for v in values if str(v).isdigit()}


def picker_regions(data, leadable: QuerySet[Region]) -> QuerySet[Region]:
    """The regions whose organisations may be picked: the chosen lead (if this editor may lead
    it) and participating regions, or every region this editor may lead."""
    leadable_ids = set(leadable.values_list("id", flat=True))
    lead = _ids([data.get("lead_region", "")]) & leadable_ids
    participating = _ids(data.getlist("participating_regions"))
    return Region.objects.filter(id__in=(lead or leadable_ids) | participating)


def _matching(organisations: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    by_name = Q()
    for word in text.split():
        by_name &= Q(name__icontains=word)
    return organisations.filter(Q(ods_code__icontains=text) | by_name)


def find_organisations(data, leadable: QuerySet[Region]) -> Found | None:
    """The organisations matching the search in `data` (a QueryDict: the form's or the
    fragment's query), less those already chosen; None before anything is asked."""
    search = OrganisationSearchForm(data)
    if not search.is_valid():
        return None
    text = search.cleaned_data["organisation_q"].strip()
    kind = search.cleaned_data["organisation_type"]
    if not text and not kind:
        return None
    organisations = Organisation.objects.filter(region__in=picker_regions(data, leadable))
    organisations = _matching(organisations, text) if text else organisations
    organisations = organisations.filter(type=kind) if kind else organisations
    organisations = organisations.exclude(id__in=_ids(data.getlist("organisations")))
    found = list(organisations.select_related("region").order_by("name", "id")[: RESULTS_SHOWN + 1])
    return Found(found[:RESULTS_SHOWN], _summary(len(found), text))


def _summary(count: int, text: str) -> str:
    if count == 0:
        return "No organisations found" + (f" for “{text}”" if text else "")
    if count > RESULTS_SHOWN:
        return f"The first {RESULTS_SHOWN} organisations found: type more to narrow the search"
    return f"{count} organisation{'' if count == 1 else 's'} found"
