"""A project's aim as one sentence, as every page and the driver diagram word it."""

from core.wording import long_date
from projects.models import Project


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
