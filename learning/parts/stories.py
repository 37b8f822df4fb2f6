"""What the stories part registers with the project page (projects.contributions): a section
"Learning and story" with the learning's summary, how many outcomes the team reports, and where
the story is on its way to the archive."""

from django.urls import reverse

from core.wording import plural
from learning import access
from learning.presenters import stories as present
from projects.contributions import Section, add_section


def stories_section(request, project) -> dict:
    learning = present.learning_of(project)
    summary = present.paragraphs(learning.summary) if learning else []
    return {
        "story_summary": summary,
        "story_outcomes": plural(project.reported_outcomes.count(), "outcome"),
        "story_status": present.status_tag(present.story_or_none(request, project)),
        "story_may_write": access.can_write_learning(request.user, project),
        "story_learning_href": reverse("learning:project_learning", args=[project.pk]),
        "story_outcomes_href": reverse("learning:project_learning", args=[project.pk])
        + "#outcomes",
        "story_href": reverse("learning:story", args=[project.pk]),
    }


SECTION = Section("stories", "learning/stories/_project_story.jinja", stories_section, order=50)
add_section(SECTION)
