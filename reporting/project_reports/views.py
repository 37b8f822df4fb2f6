"""GET /projects/{id}/report.pdf: the project's report as a tagged PDF, for anyone who may see
the project (others get the project page's 404)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

from core.pdf import html_to_pdf
from projects.views._lookup import visible_project
from reporting.project_reports.content import report_context

TEMPLATE = "reports/project_report.jinja"
# The report's stylesheet (static/css/project-report.css) is read from the static folder.
STATIC_FOLDER = settings.BASE_DIR / "static"
# Drawing the charts is most of a report's time (WeasyPrint paints each SVG): the same HTML
# makes the same PDF, so a report is drawn again only when something in it changed (or the day).
CACHE_SECONDS = 24 * 3600
STYLESHEET = STATIC_FOLDER / "css" / "project-report.css"


def _key(html: str) -> str:
    """The HTML and the stylesheet it links, so a new stylesheet draws every report afresh."""
    digest = hashlib.sha256(html.encode())
    digest.update(STYLESHEET.read_bytes())
    return f"report:project:pdf:{digest.hexdigest()}"


def report_pdf(html: str) -> bytes:
    key = _key(html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html, base_url=str(STATIC_FOLDER))
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def report_html(request, project) -> str:
    return render_to_string(TEMPLATE, report_context(request.user, project), request)


def project_report_pdf(request, pk: int) -> HttpResponse:
    project = visible_project(request, pk)
    pdf = report_pdf(report_html(request, project))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="project-{project.pk}-report.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return response
