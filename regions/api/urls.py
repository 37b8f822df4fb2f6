from rest_framework.routers import SimpleRouter

from regions.api.activity import VIEWSETS
from regions.api.views import OrganisationViewSet, RegionViewSet

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
for slug, viewset in VIEWSETS.items():
    router.register(f"activity/{slug}", viewset, basename=f"activity-{slug}")

urlpatterns = router.urls
