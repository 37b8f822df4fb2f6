from django.urls import path

from reporting.project_reports import views

app_name = "reports"

urlpatterns = [
    path("projects/<int:pk>/report.pdf", views.project_report_pdf, name="project_report"),
]
