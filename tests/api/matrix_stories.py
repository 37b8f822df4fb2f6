"""The authorisation matrix's stories (issue 16): the world's project has a submitted story and a
reported outcome; a second Wessex project a draft story with its summary written (to submit);
a third a published story (for the public API)."""

from dataclasses import dataclass

from projects.models import ProjectRole
from tests.factories import (
    ProjectFactory,
    ProjectLearningFactory,
    ProjectMemberFactory,
    ReportedOutcomeFactory,
    StoryFactory,
)

DRAFT, SUBMITTED, PUBLISHED = "wessex-draft-story", "wessex-falls", "wessex-published-story"
# Which story each route is called on (the others: the submitted one).
STORY_FOR = {
    "story-submit": DRAFT,
    "public-story-detail": PUBLISHED,
}


@dataclass
class Stories:
    draft_project: object
    outcome: object


def story_world(world) -> Stories:
    project = world.project
    StoryFactory(project=project, slug=SUBMITTED, status="submitted")
    ProjectLearningFactory(project=project)
    draft_project = ProjectFactory(lead_region=project.lead_region, title="Wessex sepsis")
    ProjectLearningFactory(project=draft_project)
    StoryFactory(project=draft_project, slug=DRAFT)
    published = ProjectFactory(lead_region=project.lead_region, title="Wessex swab counts")
    ProjectMemberFactory(project=published, role=ProjectRole.LEAD)
    StoryFactory(project=published, slug=PUBLISHED, published=True)
    return Stories(draft_project, ReportedOutcomeFactory(project=project))


def story_values(stories: Stories, world, name: str) -> dict:
    """The URL values of the story routes; the draft's project for its first submission."""
    submitting = name == "project-story-submit"
    return {
        "slug": STORY_FOR.get(name, SUBMITTED),
        "project_id": (stories.draft_project if submitting else world.project).pk,
        "pk": stories.outcome.pk,
    }


def story_bodies(w) -> dict:
    return {
        ("project-learning", "PUT"): {"summary": "Falls fell", "advice": "Start with nights"},
        ("project-learning", "PATCH"): {"sustain": "Audited monthly"},
        ("project-outcomes", "POST"): {"description": "Bed-days released", "amount": "1000"},
        ("outcome-detail", "PATCH"): {"amount": 2000},
        ("project-story-submit", "POST"): {"contact": "falls@example.nhs.uk", "comment": "Ready"},
        ("story-submit", "POST"): {"comment": "Ready"},
        ("story-publish", "POST"): {"measures": [w.measure.pk], "comment": "Good work"},
        ("story-return", "POST"): {"comment": "Add the advice"},
        ("story-withdraw", "POST"): {"reason": "A data error"},
    }


STORY_ROUTES = {
    "project-learning": {"GET": "read", "PUT": "project_edit", "PATCH": "project_edit"},
    "project-outcomes": {"GET": "read", "POST": "project_edit"},
    "outcome-detail": {"GET": "read", "PATCH": "project_edit", "DELETE": "project_edit"},
    "project-impacts": {"GET": "read"},
    # Submitting: the project's leads (the frontline nurse is a member, not a lead), leads of
    # its regions and national admins; publishing, sending back and withdrawing: the same,
    # but for the project's leads only withdrawing.
    "project-story-submit": {"POST": "region_write"},
    "story-list": {"GET": "read"},
    "story-detail": {"GET": "read"},
    **{f"story-{step}": {"POST": "region_write"} for step in ("submit", "publish", "return")},
    "story-withdraw": {"POST": "region_write"},
    "public-story-list": {"GET": "public"},
    "public-story-detail": {"GET": "public"},
}
