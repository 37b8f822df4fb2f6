"""The learning, reported outcomes and story pages (signed in)."""

from django.urls import path

from learning.views import stories, stories_workflow

urlpatterns = [
    path("projects/<int:pk>/learning/", stories.project_learning, name="project_learning"),
    path("projects/<int:pk>/outcomes/new/", stories.outcome_create, name="outcome_create"),
    path("outcomes/<int:pk>/edit/", stories.outcome_update, name="outcome_update"),
    path("outcomes/<int:pk>/remove/", stories.outcome_delete, name="outcome_delete"),
    path("projects/<int:pk>/story/", stories_workflow.story, name="story"),
    path("projects/<int:pk>/story/submit/", stories_workflow.story_submit, name="story_submit"),
    path("projects/<int:pk>/story/review/", stories_workflow.story_review, name="story_review"),
    path(
        "projects/<int:pk>/story/withdraw/", stories_workflow.story_withdraw, name="story_withdraw"
    ),
    path("projects/<int:pk>/story/consent/", stories_workflow.story_consent, name="story_consent"),
    path("stories/review/", stories_workflow.stories_to_review, name="stories_to_review"),
]
