"""'Where else, and did it work?': every project that tested a catalogue entry, with its PDSA
cycles and what the measures of the change idea (or of the drivers it serves) show now, so
improvement and concern are seen side by side. A fixed number of queries whatever the number of
projects; the filters are applied to the rows built."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from core.wording import long_date
from learning import matching
from learning.models import ChangeEntry, ChangeLink
from measurement.models import Measure
from measurement.presenters.measure import assurance_tag, variation_tag
from measurement.spc.codes import Variation
from projects.models import PDSACycle, Project, SecondaryDriver
from projects.presenters.project import decision_tag

OUTCOMES = {
    "improving": "Improving",
    "concerning": "Concerning",
    "mixed": "Improving and concerning",
    "no_signal": "No signal yet",
}


@dataclass(frozen=True)
class CycleLine:
    title: str
    href: str
    dates: str
    decision: dict | None
    status: str


@dataclass(frozen=True)
class MeasureLine:
    name: str
    href: str
    linked_to: str
    variation: dict | None
    assurance: dict | None


@dataclass
class TestedRow:
    project_title: str
    project_href: str
    idea_text: str
    idea_href: str
    region: str
    region_slugs: set[str]
    organisations: str
    care_settings: str
    setting_slugs: set[str]
    cycles: list[CycleLine] = field(default_factory=list)
    measures: list[MeasureLine] = field(default_factory=list)
    outcome: str = "no_signal"

    @property
    def outcome_text(self) -> str:
        return OUTCOMES[self.outcome]

    def matches(self, region: str, setting: str, outcome: str) -> bool:
        if region and region not in self.region_slugs:
            return False
        if setting and setting not in self.setting_slugs:
            return False
        return (
            not outcome
            or outcome == self.outcome
            or (self.outcome == "mixed" and outcome in ("improving", "concerning"))
        )


def _links(entry: ChangeEntry, projects: QuerySet[Project]) -> list[ChangeLink]:
    return list(
        entry.links.filter(change_idea__project__in=projects)
        .select_related("change_idea__project__lead_region")
        .prefetch_related(
            "change_idea__project__organisations",
            "change_idea__project__care_settings",
            "change_idea__project__participating_regions",
            Prefetch(
                "change_idea__cycles", queryset=PDSACycle.objects.order_by("start_date", "pk")
            ),
            Prefetch(
                "change_idea__secondary_drivers",
                queryset=SecondaryDriver.objects.select_related("primary_driver"),
            ),
        )
        .order_by("change_idea__project__title", "pk")
    )


def _measures(ideas, measures: QuerySet[Measure]) -> list[Measure]:
    secondary = {d.pk for idea in ideas for d in idea.secondary_drivers.all()}
    primary = {d.primary_driver_id for idea in ideas for d in idea.secondary_drivers.all()}
    return list(
        measures.filter(
            Q(change_idea__in=[idea.pk for idea in ideas])
            | Q(secondary_driver__in=secondary)
            | Q(primary_driver__in=primary)
        )
        .select_related("secondary_driver", "primary_driver")
        .order_by("name", "pk")
    )


def _measure_line(idea, measure: Measure) -> MeasureLine | None:
    drivers = list(idea.secondary_drivers.all())
    if measure.change_idea_id == idea.pk:
        linked_to = "This change idea"
    elif measure.secondary_driver_id in {d.pk for d in drivers}:
        linked_to = f"Secondary driver: {measure.secondary_driver.text}"
    elif measure.primary_driver_id in {d.primary_driver_id for d in drivers}:
        linked_to = f"Primary driver: {measure.primary_driver.text}"
    else:
        return None
    return MeasureLine(
        name=measure.name,
        href=measure.get_absolute_url(),
        linked_to=linked_to,
        variation=variation_tag(measure.variation) if measure.variation else None,
        assurance=assurance_tag(measure.assurance),
    )


def _cycle_line(cycle: PDSACycle) -> CycleLine:
    dates = long_date(cycle.start_date)
    if cycle.end_date:
        dates += f" to {long_date(cycle.end_date)}"
    return CycleLine(
        title=cycle.title,
        href=cycle.get_absolute_url(),
        dates=dates,
        decision=decision_tag(cycle.decision, cycle.get_decision_display()),
        status=cycle.get_status_display(),
    )


def outcome_of(variations: list[str]) -> str:
    improving = Variation.IMPROVEMENT.value in variations
    concerning = Variation.CONCERN.value in variations
    if improving and concerning:
        return "mixed"
    return "improving" if improving else "concerning" if concerning else "no_signal"


def _row(link: ChangeLink, measures: list[Measure]) -> TestedRow:
    idea = link.change_idea
    project = idea.project
    shown = [(m, line) for m in measures if (line := _measure_line(idea, m)) is not None]
    settings = list(project.care_settings.all())
    return TestedRow(
        project_title=project.title,
        project_href=project.get_absolute_url(),
        idea_text=idea.text,
        idea_href=reverse("projects:change_idea_detail", args=[project.pk, idea.pk]),
        region=project.lead_region.name,
        region_slugs={project.lead_region.slug}
        | {r.slug for r in project.participating_regions.all()},
        organisations=", ".join(o.name for o in project.organisations.all()) or "None named",
        care_settings=", ".join(s.name for s in settings) or "Not stated",
        setting_slugs={s.slug for s in settings},
        cycles=[_cycle_line(cycle) for cycle in idea.cycles.all()],
        measures=[line for _, line in shown],
        outcome=outcome_of([m.variation for m, _ in shown]),
    )


def tested_rows(
    entry: ChangeEntry, projects: QuerySet[Project], measures: QuerySet[Measure]
) -> list[TestedRow]:
    links = _links(entry, projects)
    found = _measures([link.change_idea for link in links], measures)
    return [
        _row(link, [m for m in found if m.project_id == link.change_idea.project_id])
        for link in links
    ]


def outcome_counts(rows: list[TestedRow]) -> str:
    """'2 improving, 1 concerning, 3 with no signal yet'."""
    improving = sum(row.outcome in ("improving", "mixed") for row in rows)
    concerning = sum(row.outcome in ("concerning", "mixed") for row in rows)
    quiet = sum(row.outcome == "no_signal" for row in rows)
    return f"{improving} improving, {concerning} concerning, {quiet} with no signal yet"


@dataclass(frozen=True)
class SimilarIdea:
    pk: int
    text: str
    href: str
    project_title: str
    project_href: str
    region: str


def similar_unlinked_ideas(entry: ChangeEntry, ideas, limit: int = 10) -> list[SimilarIdea]:
    """Change ideas not yet in the catalogue, most like the entry first."""
    found = matching.ideas_like(
        matching.entry_text(entry), ideas.select_related("project__lead_region"), limit=limit
    )
    return [
        SimilarIdea(
            pk=idea.pk,
            text=idea.text,
            href=reverse("projects:change_idea_detail", args=[idea.project_id, idea.pk]),
            project_title=idea.project.title,
            project_href=idea.project.get_absolute_url(),
            region=idea.project.lead_region.name,
        )
        for idea in found
    ]
