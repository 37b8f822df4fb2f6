"""PDSA cycles: each tests one change idea of its project."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from core.api.fields import ID_PATTERN
from core.api.views import ApiView
from projects import access
from projects.api.filters import PDSACycleFilter
from projects.api.serializers import PDSACycleSerializer
from projects.services import pdsa

TAGS = ["pdsa cycles"]


@extend_schema_view(
    list=extend_schema(summary="List PDSA cycles", tags=TAGS),
    create=extend_schema(summary="Log a PDSA cycle", tags=TAGS),
    retrieve=extend_schema(summary="One PDSA cycle", tags=TAGS),
    update=extend_schema(summary="Replace a PDSA cycle's record", tags=TAGS),
    partial_update=extend_schema(summary="Record what happened, was learnt or decided", tags=TAGS),
)
class PDSACycleViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PDSACycleSerializer
    filterset_class = PDSACycleFilter
    lookup_value_regex = ID_PATTERN
    ordering = ("start_date", "id")
    ordering_fields = ("start_date", "updated_at", "id")

    def get_queryset(self):
        return access.pdsa_cycles_visible_to(self.request.user).select_related(
            "project", "change_idea", "owner"
        )

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        project = values.pop("project")
        serializer.instance = pdsa.pdsa_cycle_create(
            by=self.request.user, project=project, **values
        )

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        values.pop("project", None)
        serializer.instance = pdsa.pdsa_cycle_update(
            by=self.request.user, cycle=serializer.instance, **values
        )
