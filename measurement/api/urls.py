from rest_framework.routers import SimpleRouter

from measurement.api.data import DataPointViewSet
from measurement.api.notes import PointNoteViewSet
from measurement.api.views import MeasureViewSet

router = SimpleRouter()
router.register("measures", MeasureViewSet, basename="measure")
router.register("data", DataPointViewSet, basename="data-point")
router.register(
    r"measures/(?P<measure_id>[0-9]{1,18})/notes", PointNoteViewSet, basename="measure-note"
)

urlpatterns = router.urls
