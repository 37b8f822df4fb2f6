from django.urls import path

from reporting.api.mdc_summary import MdcSummaryView
from reporting.api.metrics import NationalMetricsView, RegionMetricsView

urlpatterns = [
    path("measures/summary/", MdcSummaryView.as_view(), name="mdc-summary"),
    path("metrics/national/", NationalMetricsView.as_view(), name="metrics-national"),
    path("metrics/regions/<slug:slug>/", RegionMetricsView.as_view(), name="metrics-region"),
]
