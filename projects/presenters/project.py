"""Display values for the project page: the aim as a sentence, tags, timelines, change ideas."""

from django.db.models import Count, OuterRef

from core.wording import long_date
from projects import access, history
from projects.filters import decision_columns
from projects.models import Project, ProjectStatus

STATUS_TAG_COLOURS = {
    ProjectStatus.PLANNED: "grey",
    ProjectStatus.ACTIVE: "blue",
    ProjectStatus.COMPLETED: "green",
    ProjectStatus.STOPPED: "red",
}
DECISION_TAG_COLOURS = {"adopt": "green", "adapt": "yellow", "abandon": "red"}


def aim_sentence(project: Project) -> str:
    """'Improve falls with harm for older inpatients by 20% by 31 March 2017.'"""
    if not project.aim_what:
        return project.aim_text
    parts = [f"Improve {project.aim_what}"]
    if project.aim_for_whom:
        parts.append(f"for {project.aim_for_whom}")
    if project.aim_how_much:
        parts.append(f"by {project.aim_how_much}")
    if project.aim_by_when:
        parts.append(f"by {long_date(project.aim_by_when)}")
    return " ".join(parts) + "."


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


def measure_rows(measures) -> list[dict]:
    """Each measure with its current variation and assurance as NHS tags in words."""
    from measurement.presenters.measure import assurance_tag, variation_tag

    return [
        {
            "measure": m,
            "variation": variation_tag(m.variation) if m.variation else None,
            "assurance": assurance_tag(m.assurance),
        }
        for m in measures
    ]


def project_page_context(request, project: Project) -> dict:
    from projects.diagram.presenter import diagram_context

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
        "recent_changes": history.project_changes(project, limit=8),
        "measures": measure_rows(project.measures.order_by("kind", "name")),
        "may_edit": access.can_edit_project(request.user, project),
        "diagram": diagram_context(project),
        "long_date": long_date,
        "decision_tag": decision_tag,
    }
