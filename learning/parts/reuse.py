"""What the reuse part registers with the project page (projects.contributions): on a project
started from a story, the story it started from; on a project whose story others started from,
how many projects did, with links to them."""

from learning.presenters import reuse as present
from projects.contributions import Section, add_section


def reuse_section(request, project) -> dict:
    return {
        "started_from": present.started_from(project),
        "started_from_story": present.started_from_story_of(project),
    }


SECTION = Section("reuse", "learning/reuse/_project_reuse.jinja", reuse_section, order=25)
add_section(SECTION)
