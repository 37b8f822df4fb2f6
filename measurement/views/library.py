"""The national measure library, and each standard measure's page: its operational definition,
adoption by a project, and every adopting project's chart as small multiples."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from core.lookup import visible_or_404
from core.wording import plural
from measurement import access
from measurement.filters import (
    AdoptionFilter,
    StandardFilter,
    adoptable_projects,
    adoptions_of,
    variation_counts,
    with_adoption_counts,
)
from measurement.models import StandardMeasure
from measurement.presenters.library import (
    adoptions_caption,
    definition_rows,
    library_rows,
    project_choices,
    small_multiples,
)
from measurement.services.measures import measure_adopt
from projects import access as projects_access

CHARTS_PER_PAGE = 12


class AdoptForm(forms.Form):
    """Validates against every project the user may see and lists those they may edit; the
    service refuses the rest, so a forged choice is a 403, not a quiet form error."""

    project = forms.ModelChoiceField(
        queryset=None,
        label="Project",
        error_messages={
            "required": "Choose the project that will use this measure",
            "invalid_choice": "Choose one of the projects in the list",
        },
    )

    def __init__(self, *args, user, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects_access.projects_visible_to(user)
        self.fields["project"].choices = choices


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def standard_list(request):
    library = access.standard_measures_visible_to(request.user)
    filterset = StandardFilter(request.GET, queryset=library)
    standards = with_adoption_counts(filterset.qs, access.measures_visible_to(request.user))
    rows = library_rows(standards)
    return render(
        request,
        "measurement/library/standard_list.jinja",
        {"filter": filterset, "rows": rows, "caption": plural(len(rows), "standard measure")},
    )


def _standard_or_404(request, slug: str) -> StandardMeasure:
    return visible_or_404(
        access.standard_measures_visible_to(request.user),
        f"The national library has no measure called '{slug}'.",
        slug=slug,
    )


def _adopt(request, standard: StandardMeasure, project):
    measure = measure_adopt(by=request.user, project=project, standard=standard)
    messages.success(
        request, f"“{project.title}” now measures “{measure.name}”. Enter its data next."
    )
    return redirect(measure)


def _adoptions(request, standard: StandardMeasure) -> dict:
    """The small multiples: adopting measures the user may see, filtered, a page at a time."""
    adoptions = AdoptionFilter(
        request.GET, queryset=adoptions_of(standard, access.measures_visible_to(request.user))
    )
    page = Paginator(adoptions.qs, CHARTS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        "filter": adoptions,
        "page": page,
        "cards": small_multiples(page.object_list),
        "caption": adoptions_caption(variation_counts(adoptions.qs)),
        "query_string": _query_string(request),
    }


def standard_detail(request, slug):
    standard = _standard_or_404(request, slug)
    choices = project_choices(
        adoptable_projects(projects_access.projects_editable_by(request.user), standard)
    )
    may_adopt = len(choices) > 1  # the first choice is the prompt
    form = AdoptForm(request.POST or None, user=request.user, choices=choices)
    if request.method == "POST":
        if not may_adopt:
            raise PermissionDenied(
                "Only project teams, leads of a project's regions and national "
                "admins can adopt a measure for a project."
            )
        if form.is_valid():
            return _adopt(request, standard, form.cleaned_data["project"])
    return render(
        request,
        "measurement/library/standard_detail.jinja",
        {
            "standard": standard,
            "definition": definition_rows(standard),
            "adopt_form": form if may_adopt else None,
            **_adoptions(request, standard),
        },
    )
