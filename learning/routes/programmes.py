from django.urls import path

from learning.views import programmes, programmes_measures, programmes_sessions, programmes_teams

urlpatterns = [
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/edit/", programmes.programme_update, name="programme_update"),
    path(
        "programmes/<slug:slug>/teams/new/",
        programmes_teams.member_create,
        name="programme_member_create",
    ),
    path(
        "programmes/<slug:slug>/teams/<int:member_pk>/edit/",
        programmes_teams.member_update,
        name="programme_member_update",
    ),
    path(
        "programmes/<slug:slug>/sessions/new/",
        programmes_sessions.session_create,
        name="programme_session_create",
    ),
    path(
        "programmes/<slug:slug>/sessions/<int:session_pk>/edit/",
        programmes_sessions.session_update,
        name="programme_session_update",
    ),
    path(
        "programmes/<slug:slug>/sessions/<int:session_pk>/attendance/",
        programmes_sessions.attendance,
        name="programme_attendance",
    ),
    path(
        "programmes/<slug:slug>/measures/new/",
        programmes_measures.shared_measure_create,
        name="programme_measure_create",
    ),
    path(
        "programmes/<slug:slug>/measures/<int:shared_pk>/edit/",
        programmes_measures.shared_measure_update,
        name="programme_measure_update",
    ),
    path(
        "programmes/<slug:slug>/measures/<int:shared_pk>/remove/",
        programmes_measures.shared_measure_remove,
        name="programme_measure_remove",
    ),
]
