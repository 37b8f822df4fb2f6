from django.urls import path
from rest_framework.routers import SimpleRouter

from regions.api.activity import VIEWSETS
from regions.api.metrics import NationalMetricsView, RegionMetricsView
from regions.api.views import OrganisationViewSet, RegionViewSet

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
for slug, viewset in VIEWSETS.items():
    router.register(f"activity/{slug}", viewset, basename=f"activity-{slug}")

urlpatterns = [
    path("metrics/national/", NationalMetricsView.as_view(), name="metrics-national"),
    path("metrics/regions/<slug:slug>/", RegionMetricsView.as_view(), name="metrics-region"),
    *router.urls,
]
