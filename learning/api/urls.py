from rest_framework.routers import SimpleRouter

from learning.api.adoptions import AdoptionViewSet
from learning.api.changes import ChangeEntryViewSet
from learning.api.programmes import ProgrammeViewSet

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("changes", ChangeEntryViewSet, basename="change")
router.register("adoptions", AdoptionViewSet, basename="adoption")

urlpatterns = router.urls
