"""Starting a project from a published story: the new project copies the story's driver diagram
(drivers, change ideas, their links and order; not its PDSA cycles, measures or people), links
each copied idea to the catalogue entry the original tests, and records a planned adoption of
each of those entries for the starter's organisation. A `StoryReuse` row remembers where it
came from, so the story can say how many projects started from it.

Permission: whoever may create a project led by `lead_region` (its leads, national admins),
for an organisation of that region; each planned adoption is checked by the adoptions service.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.keywords import NOT_GIVEN, given
from learning import access
from learning.models import (
    Adoption,
    AdoptionSource,
    AdoptionStatus,
    ChangeEntry,
    ChangeLink,
    Story,
    StoryReuse,
)
from learning.services.adoptions import adoption_record
from learning.services.catalogue import change_idea_link
from learning.services.permissions import check_may_start_project_from_story
from projects.models import ChangeIdea, PrimaryDriver, Project, ProjectStatus, SecondaryDriver
from projects.services.project import project_create
from regions.models import Organisation, Region, User

# The aim's words are the point of reuse; its "by when" was the first team's deadline, so the
# new team sets its own.
AIM_FIELDS = ("aim_what", "aim_for_whom", "aim_how_much", "aim_text")


@transaction.atomic
def start_project_from_story(
    *,
    by: User,
    story: Story,
    lead_region: Region,
    organisation: Organisation,
    title=NOT_GIVEN,
    start_date=NOT_GIVEN,
) -> Project:
    """A planned project led by `lead_region`, for `organisation`, started from `story`."""
    check_may_start_project_from_story(by, lead_region)
    if lead_region is None:
        raise ValidationError({"lead_region": "Select the region that leads the project"})
    _check_story_and_organisation(story, lead_region, organisation)
    source = story.project
    fields = _project_fields(story, lead_region, organisation, title, start_date)
    project = project_create(by=by, **fields)
    ideas = _copy_diagram(by, source, project)
    entries = _link_to_catalogue(by, ideas)
    _plan_adoptions(by, organisation, entries, source)
    StoryReuse.objects.create(
        story=story, project=project, organisation=organisation, started_by=by
    )
    return project


def _check_story_and_organisation(story: Story, lead_region: Region, organisation) -> None:
    if not access.stories_public().filter(pk=story.pk).exists():
        raise ValidationError(
            {"story": "Only a published story can be started from; this one is not published."}
        )
    if organisation is None:
        raise ValidationError({"organisation": "Select the organisation the project is for"})
    if organisation.region_id != lead_region.pk:
        raise ValidationError(
            {
                "organisation": f"{organisation.name} is in {organisation.region.name}, not "
                f"{lead_region.name}: choose an organisation of the region that leads the project"
            }
        )


def started_from_summary(story: Story) -> str:
    """The new project's summary: which story it started from, and where to read it."""
    href = f"{settings.SITE_URL}{story.get_absolute_url()}"
    return f"Started from the story “{story.project.title}” ({href})."


def _project_fields(story, lead_region, organisation, title, start_date) -> dict:
    source = story.project
    fields = given({"title": title, "start_date": start_date})
    fields.setdefault("title", source.title)
    fields.setdefault("start_date", timezone.localdate())
    return {
        **fields,
        "summary": started_from_summary(story),
        "lead_region": lead_region,
        "topic": source.topic,
        "status": ProjectStatus.PLANNED,
        **{name: getattr(source, name) for name in AIM_FIELDS},
        "care_settings": list(source.care_settings.all()),
        "organisations": [organisation],
    }


def _saved(node, by: User):
    node._history_user = by
    node.full_clean()
    node.save()
    return node


def _copy_diagram(by: User, source: Project, project: Project) -> dict[ChangeIdea, ChangeIdea]:
    """Copies the drivers and change ideas with their positions and links; returns each
    original idea with its copy."""
    secondaries: dict[int, SecondaryDriver] = {}
    for primary in source.primary_drivers.prefetch_related("secondary_drivers"):
        copy = _saved(
            PrimaryDriver(project=project, text=primary.text, position=primary.position), by
        )
        for secondary in primary.secondary_drivers.all():
            driver = SecondaryDriver(
                primary_driver=copy, text=secondary.text, position=secondary.position
            )
            secondaries[secondary.pk] = _saved(driver, by)
    ideas = {}
    for idea in source.change_ideas.prefetch_related("secondary_drivers"):
        copy = _saved(
            ChangeIdea(
                project=project,
                text=idea.text,
                description=idea.description,
                position=idea.position,
            ),
            by,
        )
        linked = [secondaries[s.pk] for s in idea.secondary_drivers.all() if s.pk in secondaries]
        if linked:
            copy.secondary_drivers.set(linked)
        ideas[idea] = copy
    return ideas


def _link_to_catalogue(by: User, ideas: dict[ChangeIdea, ChangeIdea]) -> list[ChangeEntry]:
    """Links each copy to the entry its original tests, if the starter can see that entry (a
    draft of another owner stays unseen); returns the entries linked, once each."""
    links = ChangeLink.objects.filter(
        change_idea__in=list(ideas), entry__in=access.changes_visible_to(by)
    ).select_related("entry")
    copies = {original.pk: copy for original, copy in ideas.items()}
    entries: dict[int, ChangeEntry] = {}
    for link in links:
        change_idea_link(by=by, idea=copies[link.change_idea_id], entry=link.entry)
        entries.setdefault(link.entry_id, link.entry)
    return list(entries.values())


def _plan_adoptions(by: User, organisation, entries: list[ChangeEntry], source: Project) -> None:
    """A planned adoption of each entry, from the story's project, unless the organisation has
    an adoption of it already (which is left as it is)."""
    adopted = set(
        Adoption.objects.filter(organisation=organisation, entry__in=entries).values_list(
            "entry_id", flat=True
        )
    )
    for entry in entries:
        if entry.pk in adopted:
            continue
        try:
            adoption_record(
                by=by,
                organisation=organisation,
                entry=entry,
                adopted_on=timezone.localdate(),
                status=AdoptionStatus.PLANNED,
                source=AdoptionSource.PROJECT,
                source_project=source,
            )
        except IntegrityError:
            # Recorded by someone else since the look-up above (adoption_of_entry_once): theirs
            # stands, and adoption_record's savepoint has undone only this one.
            continue
