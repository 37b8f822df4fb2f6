"""The project page's link to its report (projects.contributions): first of the sections, so it
sits under the project's details."""

from django.urls import reverse

from projects.contributions import Section, add_section


def report_section(request, project) -> dict:
    return {"project": project, "report_href": reverse("reports:project_report", args=[project.pk])}


SECTION = Section("report", "reports/_project_report_link.jinja", report_section, order=1)
add_section(SECTION)
