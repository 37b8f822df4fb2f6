from django.urls import include, path

from projects.views import diagram, pdsa, portfolio, project, stalled, team

app_name = "projects"

urlpatterns = [
    path("", portfolio.portfolio, name="portfolio"),
    path("change-ideas/", portfolio.change_idea_search, name="change_idea_search"),
    path("organisation-options/", portfolio.organisation_options, name="organisation_options"),
    path("new/", project.project_create, name="create"),
    path("stalled/<slug:slug>/", stalled.stalled_projects, name="stalled"),
    path("<int:pk>/close/", stalled.close_stalled, name="close_stalled"),
    path("<int:pk>/mark-active/", stalled.mark_active, name="mark_active"),
    path("organisations-to-pick/", project.organisation_picker, name="organisation_picker"),
    path("<int:pk>/", project.project_detail, name="detail"),
    path("<int:pk>/edit/", project.project_update, name="update"),
    path("<int:pk>/team/", team.project_team, name="team"),
    path("<int:pk>/team/people/", team.team_people, name="team_people"),
    path("<int:pk>/history/", project.project_history, name="history"),
    path("<int:pk>/diagram/", include(diagram.urlpatterns)),
    path("<int:pk>/pdsa/new/", pdsa.pdsa_create, name="pdsa_create"),
    path("<int:pk>/pdsa/<int:cycle_pk>/", pdsa.pdsa_detail, name="pdsa_detail"),
    path("<int:pk>/pdsa/<int:cycle_pk>/edit/", pdsa.pdsa_update, name="pdsa_update"),
    path(
        "<int:pk>/change-ideas/<int:idea_pk>/", pdsa.change_idea_detail, name="change_idea_detail"
    ),
]
