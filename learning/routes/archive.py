"""The public archive (no sign-in): the stories, each story, its charts and the Atom feed."""

from django.urls import path

from learning.feeds import archive_feed
from learning.views import archive

urlpatterns = [
    path("archive/", archive.archive, name="archive"),
    path("archive/feed/", archive_feed, name="archive_feed"),
    path("archive/<slug:slug>/", archive.archive_story, name="archive_story"),
    path(
        "archive/<slug:slug>/charts/<int:measure_id>.svg",
        archive.archive_chart,
        name="archive_chart",
    ),
]
