from django.urls import include, path, re_path

from reporting import views

app_name = "dashboards"

# Fixed paths first: a region slug never takes "refresh".
urlpatterns = [
    path("", views.national, name="national"),
    re_path(r"^download\.(?P<file_format>csv|xlsx)$", views.download, name="download"),
    path("refresh/", views.refresh, name="refresh"),
    path("refresh/status/", views.refresh_status, name="refresh_status"),
    path("reporting-rate/", include("reporting.reporting_rate.urls")),
    path("<slug:slug>/", views.region, name="region"),
]
