from django.urls import path

from projects.invitations import views

app_name = "invitations"

urlpatterns = [
    path("account/invitations/<str:token>/", views.accept, name="accept"),
    path("projects/<int:pk>/team/invite/", views.project_invite, name="project"),
    path("regions/<str:slug>/invitations/", views.region_invite, name="region"),
    path("invitations/<int:pk>/resend/", views.resend, name="resend"),
    path("invitations/<int:pk>/cancel/", views.cancel, name="cancel"),
]
