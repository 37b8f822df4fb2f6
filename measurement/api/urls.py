from django.urls import re_path
from rest_framework.routers import SimpleRouter

from core.api.fields import ID_PATTERN
from measurement.api.data import DataPointViewSet
from measurement.api.downloads import MeasureDataCsv, MeasureDataXlsx
from measurement.api.notes import PointNoteViewSet
from measurement.api.views import MeasureViewSet

router = SimpleRouter()
router.register("measures", MeasureViewSet, basename="measure")
router.register("data", DataPointViewSet, basename="data-point")
router.register(
    r"measures/(?P<measure_id>[0-9]{1,18})/notes", PointNoteViewSet, basename="measure-note"
)

urlpatterns = [
    *router.urls,
    re_path(
        rf"^measures/(?P<pk>{ID_PATTERN})/data\.csv/$",
        MeasureDataCsv.as_view(),
        name="measure-csv",
    ),
    re_path(
        rf"^measures/(?P<pk>{ID_PATTERN})/data\.xlsx/$",
        MeasureDataXlsx.as_view(),
        name="measure-xlsx",
    ),
]
