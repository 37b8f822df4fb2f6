"""The catalogue of changes (/api/v1/changes/), by slug, with its resources.

Published entries are read by everyone signed in, drafts only by those who may edit them; the
leads of an entry's owner (programme or region) and national admins change it
(learning.services.catalogue checks).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.views import ApiView
from learning import access
from learning.api.filters import ChangeEntryFilter
from learning.api.programmes import SLUG_PATTERN
from learning.api.serializers import ChangeEntrySerializer, ResourceSerializer
from learning.services import catalogue as services

TAGS = ["catalogue of changes"]


@extend_schema_view(
    list=extend_schema(
        summary="List the catalogue of changes",
        description="Published entries, and the drafts this user may edit.",
        tags=TAGS,
    ),
    create=extend_schema(
        summary="Add an entry to the catalogue",
        description="Give `name`, `description`, `topic` and one owner: `owner_programme` or "
        "`owner_region` (a slug) that you lead.",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One catalogue entry, by slug", tags=TAGS),
    partial_update=extend_schema(summary="Change a catalogue entry", tags=TAGS),
)
class ChangeEntryViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ChangeEntrySerializer
    filterset_class = ChangeEntryFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering = ("name", "id")
    ordering_fields = ("name", "slug", "published_on", "updated_at", "status", "id")

    def get_queryset(self):
        return (
            access.changes_visible_to(self.request.user)
            .select_related("owner_programme", "owner_region")
            .prefetch_related("care_settings", "resources")
        )

    def _fresh(self, entry):
        return self.get_queryset().get(pk=entry.pk)

    def perform_create(self, serializer):
        entry = services.change_create(by=self.request.user, **serializer.validated_data)
        serializer.instance = self._fresh(entry)

    def perform_update(self, serializer):
        entry = services.change_update(
            by=self.request.user, entry=serializer.instance, **serializer.validated_data
        )
        serializer.instance = self._fresh(entry)

    @extend_schema(
        summary="Add a resource (a link) to an entry",
        request=ResourceSerializer,
        responses={201: ResourceSerializer},
        tags=TAGS,
    )
    @action(detail=True, methods=["post"])
    def resources(self, request, slug=None):
        entry = self.get_object()
        body = ResourceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        resource = services.resource_add(by=request.user, entry=entry, **body.validated_data)
        return Response(ResourceSerializer(resource).data, status=status.HTTP_201_CREATED)
