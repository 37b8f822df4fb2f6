from django.urls import re_path
from rest_framework.routers import SimpleRouter

from core.api.fields import ID_PATTERN
from learning.api import project_learning as learning
from learning.api.adoptions import AdoptionViewSet
from learning.api.changes import ChangeEntryViewSet
from learning.api.programmes import ProgrammeViewSet
from learning.api.public import PublicStoryViewSet
from learning.api.stories import ProjectStorySubmitView, StoryViewSet

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("changes", ChangeEntryViewSet, basename="change")
router.register("adoptions", AdoptionViewSet, basename="adoption")
router.register("stories", StoryViewSet, basename="story")
router.register("public/stories", PublicStoryViewSet, basename="public-story")

PROJECT = rf"^projects/(?P<project_id>{ID_PATTERN})"
urlpatterns = [
    *router.urls,
    re_path(
        rf"{PROJECT}/learning/$", learning.ProjectLearningView.as_view(), name="project-learning"
    ),
    re_path(
        rf"{PROJECT}/outcomes/$", learning.ProjectOutcomesView.as_view(), name="project-outcomes"
    ),
    re_path(rf"{PROJECT}/impacts/$", learning.ProjectImpactsView.as_view(), name="project-impacts"),
    re_path(
        rf"{PROJECT}/story/submit/$", ProjectStorySubmitView.as_view(), name="project-story-submit"
    ),
    re_path(
        rf"^outcomes/(?P<pk>{ID_PATTERN})/$", learning.OutcomeView.as_view(), name="outcome-detail"
    ),
]
