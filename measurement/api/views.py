"""Measures, their data and events, phases, analysis and chart images."""

from datetime import date

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.errors import Conflict
from core.api.fields import ID_PATTERN
from core.api.parsers import BoundedJSONParser as JSONParser
from core.api.schema import ErrorSerializer
from core.api.views import ApiView
from measurement import access, charting, spc
from measurement.analysis import analysis_document
from measurement.api.documents import AnalysisSerializer
from measurement.api.filters import MeasureFilter
from measurement.api.imports import CSV_BODY, FLAGS, flag, import_response
from measurement.api.parsers import CSVParser, EventsCSVParser
from measurement.api.serializers import (
    EventsDocSerializer,
    EventsSerializer,
    ImportSummarySerializer,
    MeasureCreateSerializer,
    MeasureSerializer,
    PhaseCreatedSerializer,
    PhaseSerializer,
    PointsDocSerializer,
    PointsSerializer,
    RejectedBatchSerializer,
)
from measurement.services import data as data_services
from measurement.services import events as event_services
from measurement.services import measures as measure_services
from measurement.services import phases as phase_services
from measurement.services.permissions import check_may_edit_measures

IMPORT_RESPONSES = {200: ImportSummarySerializer, 400: RejectedBatchSerializer}
IMAGE_FORMAT = OpenApiParameter("image_format", str, OpenApiParameter.PATH, enum=["svg", "png"])


@extend_schema_view(
    list=extend_schema(summary="List measures"),
    create=extend_schema(
        summary="Add a measure to a project",
        request=MeasureCreateSerializer,
        responses={201: MeasureSerializer},
    ),
    retrieve=extend_schema(summary="One measure"),
    update=extend_schema(summary="Replace a measure's settings"),
    partial_update=extend_schema(summary="Change a measure's settings"),
)
class MeasureViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    lookup_value_regex = ID_PATTERN
    ordering = ("id",)
    ordering_fields = ("name", "updated_at", "id")

    def get_queryset(self):
        return access.measures_visible_to(self.request.user).select_related("project")

    def get_serializer_class(self):
        return MeasureCreateSerializer if self.action == "create" else MeasureSerializer

    def perform_content_negotiation(self, request, force=False):
        if self.action == "chart":  # images on success; errors in JSON whatever was asked
            return JSONRenderer(), JSONRenderer.media_type
        return super().perform_content_negotiation(request, force)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        measure = measure_services.measure_create(
            by=request.user, project=values.pop("project"), **values
        )
        return Response(MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = measure_services.measure_update(
            by=self.request.user, measure=serializer.instance, **serializer.validated_data
        )

    @extend_schema(
        summary="Save a measure's values (JSON or CSV)",
        parameters=FLAGS,
        request={"application/json": PointsDocSerializer, "text/csv": CSV_BODY},
        responses=IMPORT_RESPONSES,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, CSVParser])
    def data(self, request, pk=None):
        measure = self.get_object()
        body = PointsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = data_services.data_points_upsert(
            by=request.user,
            measure=measure,
            rows=body.validated_data["points"],
            partial=flag(request, "partial"),
            dry_run=flag(request, "dry_run"),
        )
        return import_response(request, summary)

    @extend_schema(
        summary="Record rare events (JSON or CSV)",
        parameters=FLAGS,
        request={"application/json": EventsDocSerializer, "text/csv": CSV_BODY},
        responses=IMPORT_RESPONSES,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, EventsCSVParser])
    def events(self, request, pk=None):
        measure = self.get_object()
        body = EventsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = event_services.events_upsert(
            by=request.user,
            measure=measure,
            rows=body.validated_data["events"],
            partial=flag(request, "partial"),
            dry_run=flag(request, "dry_run"),
        )
        return import_response(request, summary)

    @extend_schema(
        summary="Start a new phase (rebase)",
        request=PhaseSerializer,
        responses={201: PhaseCreatedSerializer},
    )
    @action(detail=True, methods=["post"])
    def phases(self, request, pk=None):
        measure = self.get_object()
        body = PhaseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        causes = {field: values.pop(field, None) for field in ("pdsa_cycle", "change_idea")}
        check_may_edit_measures(request.user, measure.project)
        rebase = phase_services.rebase_add(
            by=request.user,
            measure=measure,
            **values,
            **phase_services.causes_by_id(measure, **causes),
        )
        return Response(
            {
                "phase_start": rebase.start.isoformat(),
                "reason": rebase.reason,
                "pdsa_cycle": rebase.pdsa_cycle_id,
                "change_idea": rebase.change_idea_id,
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Remove a phase (its reason, who added and who removed it stay in the history)",
        request=None,
        responses={204: None, 404: ErrorSerializer},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"phases/(?P<start>[0-9]{4}-[0-9]{2}-[0-9]{2})",
        url_name="phase",
    )
    def phase(self, request, pk=None, start=None):
        """The phase is named by its first period (`phases` of the analysis document)."""
        measure = self.get_object()
        check_may_edit_measures(request.user, measure.project)
        rebase = measure.rebases.filter(start=_day_or_none(start)).first()
        if rebase is None:
            raise NotFound(f"“{measure.name}” has no phase starting on {start}.")
        rebase.measure = measure
        phase_services.rebase_remove(by=request.user, rebase=rebase)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="The run or SPC chart's analysis",
        responses={
            200: AnalysisSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="Data stored before today's entry rules cannot be charted (e.g. a "
                "value beyond ±10¹²): the detail names the period to correct.",
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def analysis(self, request, pk=None):
        measure = self.get_object()
        try:
            return Response(analysis_document(measure))
        except spc.InvalidData as error:
            raise Conflict(f"The stored data cannot be charted: {error}") from None

    @extend_schema(
        summary="The chart as an image",
        parameters=[IMAGE_FORMAT],
        responses={
            (200, "image/svg+xml"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
        },
    )
    @action(detail=True, methods=["get"], url_path=r"chart\.(?P<image_format>svg|png)")
    def chart(self, request, pk=None, image_format="svg"):
        measure = self.get_object()
        image = charting.chart_image(measure, image_format)
        content_type = "image/svg+xml" if image_format == "svg" else "image/png"
        return HttpResponse(image, content_type=content_type)


def _day_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:  # e.g. 2016-02-30: no such day, so no such phase
        return None
