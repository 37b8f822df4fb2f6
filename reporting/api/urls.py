from django.urls import path

from reporting.api.metrics import NationalMetricsView, RegionMetricsView

urlpatterns = [
    path("metrics/national/", NationalMetricsView.as_view(), name="metrics-national"),
    path("metrics/regions/<slug:slug>/", RegionMetricsView.as_view(), name="metrics-region"),
]
