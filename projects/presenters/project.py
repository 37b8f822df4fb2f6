"""Display values for the project page: the aim as a sentence, tags, timelines, change ideas."""

from django.db.models import Count, OuterRef

from core.wording import long_date
from projects import access, contributions, history
from projects.models import Project, ProjectStatus
from projects.presenters.aim import aim_sentence
from projects.presenters.diagram import diagram_context
from projects.presenters.timeline import timeline, worth_telling
from projects.selectors import decision_columns

STATUS_TAG_COLOURS = {
    ProjectStatus.PLANNED: "grey",
    ProjectStatus.ACTIVE: "blue",
    ProjectStatus.COMPLETED: "green",
    ProjectStatus.STALLED: "orange",
    ProjectStatus.STOPPED: "red",
}
DECISION_TAG_COLOURS = {"adopt": "green", "adapt": "yellow", "abandon": "red"}


def status_tag(status: str, label: str) -> dict:
    return {"text": label, "classes": f"nhsuk-tag--{STATUS_TAG_COLOURS.get(status, 'grey')}"}


def decision_tag(decision: str, label: str) -> dict | None:
    if not decision:
        return None
    return {"text": label, "classes": f"nhsuk-tag--{DECISION_TAG_COLOURS[decision]}"}


def change_ideas_with_cycles(project: Project):
    return project.change_ideas.annotate(
        cycle_count=Count("cycles"), **decision_columns(change_idea_id=OuterRef("pk"))
    )


# The project page shows the latest few changes; the history page has them all.
TIMELINE_LENGTH = 8


def recent_timeline(project: Project) -> list:
    changes = [c for c in history.project_changes(project) if worth_telling(c)]
    return timeline(changes[:TIMELINE_LENGTH])


def project_page_context(request, project: Project) -> dict:

    cycles = project.pdsa_cycles.select_related("change_idea", "owner").order_by("-start_date")
    return {
        "project": project,
        "aim": aim_sentence(project),
        "status": status_tag(project.status, project.get_status_display()),
        "participating_regions": list(project.participating_regions.all()),
        "care_settings": list(project.care_settings.all()),
        "organisations": list(project.organisations.select_related("region")),
        "members": list(project.members.select_related("user")),
        "status_changes": list(project.status_changes.all()),
        "progress_scores": list(project.progress_scores.all()),
        "change_ideas": list(change_ideas_with_cycles(project)),
        "cycles": list(cycles),
        "timeline": recent_timeline(project),
        "sections": contributions.sections(request, project),
        "may_edit": access.can_edit_project(request.user, project),
        "diagram": diagram_context(project),
        "long_date": long_date,
        "decision_tag": decision_tag,
    }
