"""The public archive's list: its search and filters (a GET form), the filtered stories, their
rows and the "filters applied" summary. Every choice offered comes from the published stories,
so a filter never leads to nothing and never names what is not public."""

from django import forms
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from learning.archive_search import search_stories
from learning.impacts import LEVEL, RATE
from learning.models import ChangeEntry, EntryStatus, Story
from learning.presenters.archive_story import story_summary
from learning.presenters.impacts import impacts_by_measure
from measurement.models import Measure
from measurement.spc.codes import Variation
from projects.models import CareSetting, Topic
from regions.models import OrganisationType, Region

ANY = [("", "Any")]
YEAR_LABEL = "Year completed (financial year; the year started if not completed yet)"


class ArchiveFilterForm(forms.Form):
    q = forms.CharField(
        label="Search the stories",
        required=False,
        max_length=200,
        help_text="Words from the title, aim, story or change ideas, like “handover”",
    )
    topic = forms.ChoiceField(choices=ANY + list(Topic.choices), required=False)
    region = forms.ChoiceField(
        required=False, help_text="The region that led the project or took part in it"
    )
    setting = forms.ChoiceField(label="Care setting", required=False)
    organisation_type = forms.ChoiceField(
        label="Type of organisation", choices=ANY + list(OrganisationType.choices), required=False
    )
    change = forms.ChoiceField(label="Change from the catalogue", required=False)
    year = forms.ChoiceField(label=YEAR_LABEL, required=False)
    improved = forms.BooleanField(
        label="Only stories whose charts showed improvement", required=False
    )

    def __init__(self, *args, stories: QuerySet[Story], **kwargs):
        super().__init__(*args, **kwargs)
        projects = stories.values("project")
        self.fields["region"].choices = ANY + [
            (r.slug, r.name)
            for r in Region.objects.filter(
                Q(led_projects__in=projects) | Q(participating_projects__in=projects)
            )
            .distinct()
            .order_by("name")
        ]
        self.fields["setting"].choices = ANY + [
            (s.slug, s.name)
            for s in CareSetting.objects.filter(projects__in=projects).distinct().order_by("name")
        ]
        self.fields["change"].choices = ANY + [
            (e.slug, e.name) for e in linked_entries(stories).order_by("name")
        ]
        self.fields["year"].choices = ANY + [
            (year, year) for year in sorted(story_years(stories), reverse=True)
        ]


def linked_entries(stories: QuerySet[Story]) -> QuerySet[ChangeEntry]:
    """The published catalogue entries the stories' change ideas test."""
    return ChangeEntry.objects.filter(
        status=EntryStatus.PUBLISHED, links__change_idea__project__story__in=stories
    ).distinct()


def completed_or_started_in(financial_year: str) -> Q:
    """The archive's year: the financial year a project completed, else the one it started."""
    return Q(project__completion_financial_year=financial_year) | Q(
        project__completion_financial_year="", project__start_financial_year=financial_year
    )


def story_years(stories: QuerySet[Story]) -> set[str]:
    rows = stories.values_list(
        "project__completion_financial_year", "project__start_financial_year"
    )
    return {completed or started for completed, started in rows}


def filtered(stories: QuerySet[Story], data: dict) -> QuerySet[Story]:
    """The stories matching the form's cleaned data: each filter narrows, the words rank."""
    wanted = Q()
    if data.get("topic"):
        wanted &= Q(project__topic=data["topic"])
    if data.get("region"):
        slug = data["region"]
        wanted &= Q(project__lead_region__slug=slug) | Q(project__participating_regions__slug=slug)
    if data.get("setting"):
        wanted &= Q(project__care_settings__slug=data["setting"])
    if data.get("organisation_type"):
        wanted &= Q(project__organisations__type=data["organisation_type"])
    if data.get("change"):
        wanted &= Q(
            project__change_ideas__catalogue_link__entry__slug=data["change"],
            project__change_ideas__catalogue_link__entry__status=EntryStatus.PUBLISHED,
        )
    if data.get("year"):
        wanted &= completed_or_started_in(data["year"])
    if wanted:
        # The joins may repeat a story; the ids keep each once and leave ranking alone.
        stories = stories.filter(pk__in=stories.filter(wanted).values("pk"))
    if data.get("improved"):
        stories = stories.filter(pk__in=improved_story_ids(stories))
    if data.get("q"):
        return search_stories(stories, data["q"])
    return stories.order_by(F("first_published_at").desc(nulls_last=True), "id")


def improved_story_ids(stories: QuerySet[Story]) -> set[int]:
    """Stories with a published chart showing improvement: special cause improvement now, or a
    level (or rate of events) that moved the way its measure improves."""
    through = Story.published_measures.through
    pairs = list(through.objects.filter(story__in=stories).values_list("story_id", "measure_id"))
    measures = {
        m.pk: m
        for m in Measure.objects.filter(pk__in={m for _, m in pairs}).select_related("project")
    }
    impacts = impacts_by_measure(measures.values())
    return {
        story_id
        for story_id, measure_id in pairs
        if _improved(measures[measure_id], impacts[measure_id])
    }


def _improved(measure: Measure, impacts) -> bool:
    if measure.variation == Variation.IMPROVEMENT:
        return True
    if measure.improvement not in ("increase", "decrease"):
        return False
    return any(
        impact.kind in (LEVEL, RATE)
        and impact.before is not None
        and impact.after is not None
        and impact.before != impact.after
        and (impact.after > impact.before) == (measure.improvement == "increase")
        for impact in impacts
    )


def list_queryset(stories: QuerySet[Story]) -> QuerySet[Story]:
    """What each row shows, read in the same query as the stories."""
    return stories.select_related("project__lead_region", "project__learning")


def story_row(story: Story) -> dict:
    project = story.project
    completed = project.completion_financial_year
    return {
        "title": project.title,
        "href": reverse("learning:archive_story", args=[story.slug]),
        "region": project.lead_region.name,
        "topic": project.get_topic_display(),
        "year": f"Completed {completed}"
        if completed
        else f"Started {project.start_financial_year}",
        "summary": trimmed(story_summary(story), 300),
    }


def trimmed(text: str, limit: int) -> str:
    """The text cut at a word before `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:–-")
    return f"{cut}…"


def applied_filters(form: ArchiveFilterForm, data: dict) -> list[str]:
    """'Topic: Falls', 'Search: handover', … for the filters applied, in the form's order."""
    applied = []
    for name, field in form.fields.items():
        value = data.get(name)
        if not value:
            continue
        if isinstance(field, forms.BooleanField):
            applied.append(str(field.label))
        elif isinstance(field, forms.ChoiceField):
            label = dict(field.choices).get(value, value)
            applied.append(f"{_short_label(name, field)}: {label}")
        else:
            applied.append(f"Search: {value}")
    return applied


def _short_label(name: str, field) -> str:
    return "Year" if name == "year" else str(field.label or name.replace("_", " ").capitalize())
