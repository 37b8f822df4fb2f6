"""Display values for the national measure library and a standard measure's small multiples.

Rows arrive annotated by `measurement.filters` (adoption counts); this module turns them into the
strings, links, tags and alt text the templates print. Tags reuse the measure page's colours and
always carry words, so no state is told by colour alone.
"""

from dataclasses import dataclass

from django.urls import reverse

from core.wording import long_date
from measurement.models import Measure, StandardMeasure
from measurement.presenters.measure import assurance_tag, variation_tag
from measurement.readings import VARIATION_NAMES
from projects.models import Project
from projects.presenters.portfolio import plural


@dataclass(frozen=True)
class LibraryRow:
    name: str
    href: str
    kind: str
    data_type: str
    chart: str
    unit: str
    improvement: str
    adopting: str
    improving: str
    concerning: str


@dataclass(frozen=True)
class SmallMultiple:
    measure_name: str
    measure_href: str
    project_title: str
    project_href: str
    lead_region: str
    variation: dict
    assurance: dict | None
    chart_src: str
    chart_alt: str


def short_label(label: str) -> str:
    """'Proportion (numerator out of denominator)' -> 'Proportion'."""
    return label.split(" (", 1)[0]


def _count(value: int) -> str:
    return f"{value:,}"


def library_row(standard: StandardMeasure) -> LibraryRow:
    """One row from a standard annotated by `measurement.filters.with_adoption_counts`."""
    return LibraryRow(
        name=standard.name,
        href=standard.get_absolute_url(),
        kind=standard.get_kind_display(),
        data_type=short_label(standard.get_data_type_display()),
        chart=standard.get_chart_display(),
        unit=standard.unit or "None",
        improvement=standard.get_improvement_display(),
        adopting=_count(standard.adopting),
        improving=_count(standard.improving),
        concerning=_count(standard.concerning),
    )


def library_rows(standards) -> list[LibraryRow]:
    return [library_row(standard) for standard in standards]


def _row(key: str, value: str) -> dict:
    return {"key": {"text": key}, "value": {"text": value or "Not stated"}}


def reviewed(standard: StandardMeasure) -> str:
    """'PSC national measurement group, 1 September 2016'."""
    parts = [standard.reviewed_by, long_date(standard.reviewed_on) if standard.reviewed_on else ""]
    return ", ".join(part for part in parts if part) or "Not yet reviewed"


def definition_rows(standard: StandardMeasure) -> list[dict]:
    """The operational definition in full, as NHS summary list rows."""
    return [
        _row("Definition", standard.definition),
        _row("Includes", standard.inclusions),
        _row("Excludes", standard.exclusions),
        _row("Data source", standard.data_source),
        _row("Kind of measure", standard.get_kind_display()),
        _row("Data type", standard.get_data_type_display()),
        _row("Chart", standard.get_chart_display()),
        _row("Rules for signals", standard.get_rules_display()),
        _row("Improvement", standard.get_improvement_display()),
        _row("Unit", standard.unit or "None"),
        _row("Reviewed by", reviewed(standard)),
    ]


def variation_words(variation: str) -> str:
    return VARIATION_NAMES.get(variation, variation)


def chart_alt(measure: Measure) -> str:
    """'Chart of Falls per 1,000 bed-days at Falls on Ward 7 (Wessex): special cause
    improvement; consistently meets the target.'"""
    state = variation_words(measure.variation)
    assurance = assurance_tag(measure.assurance)
    if assurance:
        state += f"; {assurance['text'][:1].lower()}{assurance['text'][1:]}"
    project = measure.project
    return (
        f"Chart of {measure.name} at {project.title} ({project.lead_region.name}): "
        f"{state[:1].lower()}{state[1:]}."
    )


def small_multiple(measure: Measure) -> SmallMultiple:
    """One card from a measure fetched by `measurement.filters.adoptions_of`."""
    project = measure.project
    chart = reverse("measurement:measure_chart", args=[measure.pk, "svg"])
    return SmallMultiple(
        measure_name=measure.name,
        measure_href=measure.get_absolute_url(),
        project_title=project.title,
        project_href=project.get_absolute_url(),
        lead_region=project.lead_region.name,
        variation=variation_tag(measure.variation),
        assurance=assurance_tag(measure.assurance),
        chart_src=f"{chart}?v={measure.data_version}",
        chart_alt=chart_alt(measure),
    )


def small_multiples(measures) -> list[SmallMultiple]:
    return [small_multiple(measure) for measure in measures]


def adoptions_caption(counts: dict) -> str:
    """'12 adopting measures: 4 show special cause improvement, 1 special cause concern.'"""
    total = counts["total"]
    if not total:
        return "No adopting measures match."
    improving, concerning = counts["improving"], counts["concerning"]
    verb = "shows" if improving == 1 else "show"
    return (
        f"{plural(total, 'adopting measure')}: {_count(improving)} {verb} special cause "
        f"improvement, {_count(concerning)} special cause concern."
    )


def project_choices(projects) -> list[tuple[str, str]]:
    """Choices for the adopt form, from `measurement.filters.adoptable_projects`."""
    return [("", "Choose a project")] + [(str(p.pk), project_choice(p)) for p in projects]


def project_choice(project: Project) -> str:
    label = f"{project.title} ({project.lead_region.name})"
    return f"{label} – already uses this measure" if project.uses_standard else label
