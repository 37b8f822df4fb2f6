"""Starting a project from a published story (sign-in needed, by the middleware)."""

from django.urls import path

from learning.views import reuse

urlpatterns = [
    path("archive/<slug:slug>/start/", reuse.story_start_project, name="story_start_project"),
]
