from rest_framework.routers import SimpleRouter

from measurement.api.views import MeasureViewSet

router = SimpleRouter()
router.register("measures", MeasureViewSet, basename="measure")

urlpatterns = router.urls
