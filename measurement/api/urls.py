from rest_framework.routers import SimpleRouter

from measurement.api.data import DataPointViewSet
from measurement.api.views import MeasureViewSet

router = SimpleRouter()
router.register("measures", MeasureViewSet, basename="measure")
router.register("data", DataPointViewSet, basename="data-point")

urlpatterns = router.urls
