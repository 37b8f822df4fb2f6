from rest_framework.routers import SimpleRouter

from projects.api.diagram import ChangeIdeaViewSet, PrimaryDriverViewSet, SecondaryDriverViewSet
from projects.api.pdsa import PDSACycleViewSet
from projects.api.views import ProjectViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("primary-drivers", PrimaryDriverViewSet, basename="primary-driver")
router.register("secondary-drivers", SecondaryDriverViewSet, basename="secondary-driver")
router.register("change-ideas", ChangeIdeaViewSet, basename="change-idea")
router.register("pdsa-cycles", PDSACycleViewSet, basename="pdsa-cycle")

urlpatterns = router.urls
