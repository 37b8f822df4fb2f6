from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from measurement import charting
from measurement.analysis import analysis_document
from measurement.api.serializers import (
    EventsSerializer,
    MeasureCreateSerializer,
    MeasureSerializer,
    PhaseSerializer,
    PointsSerializer,
)
from measurement.services import data as data_services
from measurement.services import events as event_services
from measurement.services import measures as measure_services
from regions import access


def _flag(request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in ("true", "1", "yes")


class MeasureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = MeasureSerializer

    def get_queryset(self):
        return access.measures_visible_to(self.request.user).select_related("project").order_by(
            "id")

    def get_serializer_class(self):
        return MeasureCreateSerializer if self.action == "create" else MeasureSerializer

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        project_id = values.pop("project")
        project = get_object_or_404(access.projects_visible_to(self.request.user), pk=project_id)
        serializer.instance = measure_services.measure_create(
            by=self.request.user, project=project, **values)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(MeasureSerializer(serializer.instance).data,
                        status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = measure_services.measure_update(
            by=self.request.user, measure=serializer.instance, **serializer.validated_data)

    def _import_response(self, summary):
        body = summary.as_dict()
        if summary.rejected and not summary.saved and not _flag(self.request, "partial") \
                and not _flag(self.request, "dry_run"):
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_200_OK)

    @action(detail=True, methods=["post"])
    def data(self, request, pk=None):
        measure = self.get_object()
        body = PointsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = data_services.data_points_upsert(
            by=request.user, measure=measure, rows=body.validated_data["points"],
            partial=_flag(request, "partial"), dry_run=_flag(request, "dry_run"))
        return self._import_response(summary)

    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        measure = self.get_object()
        body = EventsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = event_services.events_upsert(
            by=request.user, measure=measure, rows=body.validated_data["events"],
            partial=_flag(request, "partial"), dry_run=_flag(request, "dry_run"))
        return self._import_response(summary)

    @action(detail=True, methods=["post"])
    def phases(self, request, pk=None):
        measure = self.get_object()
        body = PhaseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rebase = measure_services.rebase_add(by=request.user, measure=measure,
                                             **body.validated_data)
        return Response({"phase_start": rebase.start.isoformat(), "reason": rebase.reason},
                        status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def analysis(self, request, pk=None):
        measure = self.get_object()
        return Response(analysis_document(measure))

    @action(detail=True, methods=["get"], url_path=r"chart\.(?P<image_format>svg|png)")
    def chart(self, request, pk=None, image_format="svg"):
        measure = self.get_object()
        image = charting.chart_image(measure, image_format)
        content_type = "image/svg+xml" if image_format == "svg" else "image/png"
        return HttpResponse(image, content_type=content_type)

