"""Driver diagram nodes: primary drivers, secondary drivers and change ideas.

Writes go through projects.services.diagram (which checks the user may edit the project and
records the history). A change idea with PDSA cycles cannot be deleted: that is a 409.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.errors import Conflict
from core.api.fields import ID_PATTERN
from core.api.views import ApiView
from projects import access
from projects.api.filters import ChangeIdeaFilter, NodeFilter, SecondaryDriverFilter
from projects.api.serializers import (
    ChangeIdeaSerializer,
    MoveSerializer,
    PrimaryDriverSerializer,
    SecondaryDriverSerializer,
)
from projects.models import ChangeIdea, PrimaryDriver, SecondaryDriver
from projects.services import diagram


def changed_since(model):
    """An `updated_field` for models with history but no timestamp: rows whose history has a
    record at or after the moment (the diagram's nodes)."""

    def filter_changed(queryset: QuerySet, since) -> QuerySet:
        return queryset.filter(pk__in=model.history.filter(history_date__gte=since).values("id"))

    return filter_changed


class NodeViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = ID_PATTERN
    ordering = ("position", "id")
    ordering_fields = ("position", "id")

    def perform_destroy(self, instance):
        try:
            diagram.node_delete(by=self.request.user, node=instance)
        except ValidationError as error:
            if getattr(error, "code", None) == "has_cycles":
                raise Conflict(error.messages[0]) from error
            raise

    @extend_schema(summary="Move up or down among its siblings", request=MoveSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        node = self.get_object()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        diagram.node_move(by=request.user, node=node, direction=body.validated_data["direction"])
        return Response(self.get_serializer(self.get_queryset().get(pk=node.pk)).data)

    def _rename(self, node, values: dict):
        if "text" in values:
            node = diagram.node_rename(by=self.request.user, node=node, text=values["text"])
        return node


def _schema(noun: str):
    return extend_schema_view(
        list=extend_schema(summary=f"List {noun}s", tags=["driver diagram"]),
        create=extend_schema(summary=f"Add a {noun}", tags=["driver diagram"]),
        retrieve=extend_schema(summary=f"One {noun}", tags=["driver diagram"]),
        partial_update=extend_schema(summary=f"Change a {noun}", tags=["driver diagram"]),
        destroy=extend_schema(summary=f"Delete a {noun}", tags=["driver diagram"]),
        move=extend_schema(tags=["driver diagram"]),
    )


@_schema("primary driver")
class PrimaryDriverViewSet(NodeViewSet):
    serializer_class = PrimaryDriverSerializer
    filterset_class = NodeFilter
    updated_field = staticmethod(changed_since(PrimaryDriver))

    def get_queryset(self):
        return access.primary_drivers_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = diagram.primary_driver_add(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        values = serializer.validated_data
        serializer.instance = self._rename(serializer.instance, values)


@_schema("secondary driver")
class SecondaryDriverViewSet(NodeViewSet):
    serializer_class = SecondaryDriverSerializer
    filterset_class = SecondaryDriverFilter
    updated_field = staticmethod(changed_since(SecondaryDriver))

    def get_queryset(self):
        return access.secondary_drivers_visible_to(self.request.user).select_related(
            "primary_driver"
        )

    def perform_create(self, serializer):
        serializer.instance = diagram.secondary_driver_add(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        node, values = serializer.instance, serializer.validated_data
        if "primary_driver" in values:
            node = diagram.secondary_driver_reparent(
                by=self.request.user, secondary_driver=node, primary_driver=values["primary_driver"]
            )
        serializer.instance = self._rename(node, values)


@_schema("change idea")
class ChangeIdeaViewSet(NodeViewSet):
    serializer_class = ChangeIdeaSerializer
    filterset_class = ChangeIdeaFilter
    updated_field = staticmethod(changed_since(ChangeIdea))

    def get_queryset(self):
        return access.change_ideas_visible_to(self.request.user).prefetch_related(
            "secondary_drivers"
        )

    def perform_create(self, serializer):
        serializer.instance = diagram.change_idea_add(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        node, values = serializer.instance, serializer.validated_data
        if "secondary_drivers" in values:
            node = diagram.change_idea_link(
                by=self.request.user,
                change_idea=node,
                secondary_drivers=values["secondary_drivers"],
            )
        serializer.instance = self._rename(node, values)
