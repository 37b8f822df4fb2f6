"""What the page for starting a project from a story says will be copied, and what the project
pages say about projects started from a story."""

from django.urls import reverse
from django.utils import timezone

from core.wording import long_date, plural
from learning import access
from learning.models import Story, StoryReuse
from projects.models import Project, SecondaryDriver


def diagram_sentence(project: Project) -> str:
    """ "2 primary drivers, 3 secondary drivers and 4 change ideas" (three queries)."""
    primaries = project.primary_drivers.count()
    secondaries = SecondaryDriver.objects.filter(primary_driver__project=project).count()
    ideas = project.change_ideas.count()
    return (
        f"{plural(primaries, 'primary driver')}, {plural(secondaries, 'secondary driver')} "
        f"and {plural(ideas, 'change idea')}"
    )


def linked_entries(user, project: Project) -> list[dict]:
    """The catalogue entries the project's change ideas test, that `user` can see."""
    entries = (
        access.changes_visible_to(user)
        .filter(links__change_idea__project=project)
        .distinct()
        .order_by("name")
    )
    return [{"name": entry.name, "href": entry.get_absolute_url()} for entry in entries]


def start_page(user, story: Story) -> dict:
    return {
        "story": story,
        "story_title": story.project.title,
        "story_href": story.get_absolute_url(),
        "diagram_sentence": diagram_sentence(story.project),
        "entries": linked_entries(user, story.project),
    }


def started_from(project: Project) -> dict | None:
    """Where the project started: its story (linked publicly while published) and when."""
    reuse = StoryReuse.objects.filter(project=project).select_related("story__project").first()
    if reuse is None:
        return None
    story = reuse.story
    return {
        "title": story.project.title,
        "href": story.get_absolute_url() if story.is_public else story.project.get_absolute_url(),
        "is_public": story.is_public,
        "on": long_date(timezone.localdate(reuse.started_at)),
    }


def started_from_story_of(project: Project) -> dict | None:
    """The projects started from this project's story, oldest first (one query)."""
    reuses = (
        StoryReuse.objects.filter(story__project=project)
        .select_related("project__lead_region")
        .order_by("started_at", "id")
    )
    rows = [
        {
            "title": reuse.project.title,
            "href": reverse("projects:detail", args=[reuse.project_id]),
            "region": reuse.project.lead_region.name,
            "on": long_date(timezone.localdate(reuse.started_at)),
        }
        for reuse in reuses
    ]
    if not rows:
        return None
    return {"heading": f"{plural(len(rows), 'project')} started from this story", "rows": rows}
