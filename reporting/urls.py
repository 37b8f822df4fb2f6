from django.urls import include, path, re_path

from reporting import views
from reporting import views_board_packs as board_packs
from reporting.mdc_summary import views as mdc_views

app_name = "dashboards"

# Fixed paths first: a region slug never takes "refresh" or "measures".
urlpatterns = [
    path("", views.national, name="national"),
    re_path(r"^download\.(?P<file_format>csv|xlsx)$", views.download, name="download"),
    path("refresh/", views.refresh, name="refresh"),
    path("refresh/status/", views.refresh_status, name="refresh_status"),
    path("measures/", mdc_views.summary, name="mdc_summary"),
    re_path(
        r"^measures\.(?P<file_format>csv|xlsx)$", mdc_views.download, name="mdc_summary_download"
    ),
    path("reporting-rate/", include("reporting.reporting_rate.urls")),
    path("<slug:slug>/", views.region, name="region"),
    path("<slug:slug>/board-packs/", board_packs.board_packs, name="board_packs"),
    path(
        "<slug:slug>/board-packs/<int:pk>/status/",
        board_packs.board_pack_status,
        name="board_pack_status",
    ),
    path(
        "<slug:slug>/board-packs/<int:pk>/try-again/",
        board_packs.board_pack_try_again,
        name="board_pack_try_again",
    ),
    path(
        "<slug:slug>/board-packs/<int:pk>.pdf",
        board_packs.board_pack_download,
        name="board_pack_download",
    ),
]
