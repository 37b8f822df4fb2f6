"""Data points across measures: read them for sync, write many measures' at once."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from core.api.parsers import BoundedJSONParser as JSONParser
from core.api.views import ApiView
from measurement import access
from measurement.api import bulk
from measurement.api.filters import DataPointFilter
from measurement.api.imports import CSV_BODY, FLAGS, flag, import_response
from measurement.api.parsers import CSVParser
from measurement.api.serializers import (
    BulkPointsDocSerializer,
    DataPointSerializer,
    ImportSummarySerializer,
    PointsSerializer,
    RejectedBatchSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="List data points",
        description="Every measure's values; filter by measure or project and "
        "sync with `updated_since`.",
    ),
    create=extend_schema(
        summary="Save many measures' values at once (JSON or CSV)",
        description="Each point names its `measure`. Upsert on (measure, period). By default "
        "any rejected row saves nothing (400 listing every rejected row).",
        parameters=FLAGS,
        request={"application/json": BulkPointsDocSerializer, "text/csv": CSV_BODY},
        responses={200: ImportSummarySerializer, 400: RejectedBatchSerializer},
    ),
)
class DataPointViewSet(ApiView, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = DataPointSerializer
    filterset_class = DataPointFilter
    parser_classes = [JSONParser, CSVParser]
    ordering = ("measure", "period")
    ordering_fields = ("period", "updated_at", "id")

    def get_queryset(self):
        return access.data_points_visible_to(self.request.user)

    def create(self, request, *args, **kwargs):
        body = PointsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = bulk.upsert_many(
            by=request.user,
            rows=body.validated_data["points"],
            partial=flag(request, "partial"),
            dry_run=flag(request, "dry_run"),
        )
        return import_response(request, summary)
