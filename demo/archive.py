"""The nine story projects in the public archive: each team writes down its learning and the
outcomes it reports, its frontline lead submits the story and a lead of its region publishes it
with all the project's charts, through the same services as the pages. Once: a project whose
story has gone beyond a draft is left as it is."""

from demo.archive_texts import WRITTEN
from demo.stories import STORIES
from learning.models import Story, StoryStatus
from learning.services.stories import add_outcome, publish_story, save_learning, submit_story
from projects.models import Project
from regions.models import User


def seed_archive() -> int:
    """Publishes the stories not yet taken beyond a draft; returns how many."""
    projects = Project.objects.filter(title__in=[s.title for s in STORIES]).select_related(
        "lead_region"
    )
    by_title = {project.title: project for project in projects}
    acted_on = set(
        Story.objects.filter(project__in=projects)
        .exclude(status=StoryStatus.DRAFT)
        .values_list("project_id", flat=True)
    )
    people = {user.username: user for user in User.objects.filter(username__in=_usernames())}
    published = 0
    for story in STORIES:
        project = by_title.get(story.title)
        if project is None or project.pk in acted_on:
            continue
        team = people[f"frontline.{story.slug}"]
        lead = people[f"lead.{project.lead_region.slug}"]
        _publish(project, WRITTEN[story.slug], team, lead)
        published += 1
    return published


def _usernames() -> list[str]:
    regions = {story.lead for story in STORIES}
    return [f"frontline.{s.slug}" for s in STORIES] + [f"lead.{slug}" for slug in regions]


def _publish(project: Project, written, team: User, lead: User) -> None:
    save_learning(by=team, project=project, **written.learning)
    if not project.reported_outcomes.exists():
        for outcome in written.outcomes:
            add_outcome(by=team, project=project, **outcome)
    region = project.lead_region
    contact = f"{region.name} Patient Safety Collaborative: {region.website}"
    story = submit_story(by=team, project=project, contact=contact, comment=written.submitted)
    publish_story(by=lead, story=story, measures=project.measures.all(), comment=written.published)
