"""GET /projects/{id}/report.pdf: the project's report as a tagged PDF, for anyone who may see
the project (others get the project page's 404)."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

from core.pdf import html_to_pdf
from projects.views._lookup import visible_project
from reporting.project_reports.content import report_context

TEMPLATE = "reports/project_report.jinja"
# The report's stylesheet (static/css/project-report.css) is read from the static folder.
STATIC_FOLDER = settings.BASE_DIR / "static"


def report_html(request, project) -> str:
    return render_to_string(TEMPLATE, report_context(request.user, project), request)


def project_report_pdf(request, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    pdf = html_to_pdf(report_html(request, project), base_url=str(STATIC_FOLDER))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="project-{project.pk}-report.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return response
