"""Collaborative programmes, by slug, with their teams, learning sessions and shared measures.

Every signed-in user reads them; programme leads, leads of the lead regions and national admins
change them (learning.services.programmes checks, whoever calls).
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.api.fields import ScopedSlugField
from core.api.views import ApiView
from learning import access
from learning.api.filters import ProgrammeFilter
from learning.api.serializers import (
    ProgrammeMemberSerializer,
    ProgrammeSerializer,
    SessionSerializer,
    SharedMeasureSerializer,
)
from learning.services import programmes as services
from measurement import access as measurement_access

TAGS = ["programmes"]
SLUG_PATTERN = r"[-a-zA-Z0-9_]{1,80}"


class MemberChangeSerializer(serializers.Serializer):
    joined_on = serializers.DateField(required=False)
    left_on = serializers.DateField(
        required=False, allow_null=True, help_text="The day the team left; null: it has not."
    )


PROJECT = OpenApiParameter(
    "project", int, OpenApiParameter.PATH, description="The team's project id."
)


class SharedMeasureAddSerializer(serializers.Serializer):
    standard = ScopedSlugField(
        scope=measurement_access.standard_measures_visible_to, noun="standard measure"
    )
    is_mandatory = serializers.BooleanField(default=True)


def programmes_for_api(user):
    """Programmes with everything the API shows of them, in a fixed number of queries."""
    members = access.members_visible_to(user).select_related("project__lead_region")
    team_measures = measurement_access.measures_visible_to(user).filter(standard__isnull=False)
    return access.programmes_visible_to(user).prefetch_related(
        "lead_regions",
        "leads",
        Prefetch("members", queryset=members),
        Prefetch("members__project__measures", queryset=team_measures.only("project", "standard")),
        Prefetch("sessions", queryset=access.sessions_visible_to(user)),
        "sessions__materials",
        "shared_measures__standard",
    )


@extend_schema_view(
    list=extend_schema(summary="List collaborative programmes", tags=TAGS),
    create=extend_schema(
        summary="Start a programme",
        description="Give at least `name`, `topic`, `start_date` and `lead_regions` (slugs), or "
        "`is_national`. Regional leads start programmes their regions lead; national admins "
        "any. Whoever starts it becomes a programme lead.",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One programme, by slug", tags=TAGS),
    partial_update=extend_schema(summary="Change a programme's details", tags=TAGS),
)
class ProgrammeViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering = ("-start_date", "name", "id")
    ordering_fields = ("start_date", "end_date", "name", "slug", "updated_at", "status", "id")

    def get_queryset(self):
        return programmes_for_api(self.request.user)

    def _fresh(self, programme):
        return self.get_queryset().get(pk=programme.pk)

    def perform_create(self, serializer):
        programme = services.programme_create(by=self.request.user, **serializer.validated_data)
        serializer.instance = self._fresh(programme)

    def perform_update(self, serializer):
        programme = services.programme_update(
            by=self.request.user, programme=serializer.instance, **serializer.validated_data
        )
        serializer.instance = self._fresh(programme)

    @extend_schema(
        summary="The programme's teams, with the dates they joined and left",
        responses=ProgrammeMemberSerializer(many=True),
        tags=TAGS,
    )
    @action(detail=True, methods=["get"])
    def members(self, request, slug=None):
        programme = self.get_object()
        return Response(ProgrammeMemberSerializer(programme.members.all(), many=True).data)

    @extend_schema(
        summary="Add a team (a project) to the programme",
        description="The team gets its own measure of each mandatory shared standard it lacks.",
        request=ProgrammeMemberSerializer,
        responses={201: ProgrammeMemberSerializer},
        tags=TAGS,
    )
    @members.mapping.post
    def member_add(self, request, slug=None):
        programme = self.get_object()
        body = ProgrammeMemberSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        member = services.member_add(by=request.user, programme=programme, **body.validated_data)
        return Response(ProgrammeMemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record when a team left (or correct when it joined)",
        parameters=[PROJECT],
        request=MemberChangeSerializer,
        responses=ProgrammeMemberSerializer,
        tags=TAGS,
    )
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"members/(?P<project>[0-9]{1,18})",
        url_name="member",
    )
    def member(self, request, slug=None, project=None):
        programme = self.get_object()
        member = next((m for m in programme.members.all() if str(m.project_id) == project), None)
        if member is None:
            raise NotFound(f"Project {project} is not a team in “{programme.name}”.")
        body = MemberChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        member = services.member_update(by=request.user, member=member, **body.validated_data)
        return Response(ProgrammeMemberSerializer(member).data)

    @extend_schema(
        summary="The programme's learning sessions, with their materials",
        responses=SessionSerializer(many=True),
        tags=TAGS,
    )
    @action(detail=True, methods=["get"])
    def sessions(self, request, slug=None):
        programme = self.get_object()
        return Response(SessionSerializer(programme.sessions.all(), many=True).data)

    @extend_schema(
        summary="Add a learning session",
        request=SessionSerializer,
        responses={201: SessionSerializer},
        tags=TAGS,
    )
    @sessions.mapping.post
    def session_add(self, request, slug=None):
        programme = self.get_object()
        body = SessionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        session = services.session_create(
            by=request.user, programme=programme, **body.validated_data
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The programme's shared measures, with each team's measure of them",
        responses=SharedMeasureSerializer(many=True),
        tags=TAGS,
    )
    @action(detail=True, methods=["get"])
    def measures(self, request, slug=None):
        programme = self.get_object()
        return Response(SharedMeasureSerializer(programme.shared_measures.all(), many=True).data)

    @extend_schema(
        summary="Share a standard measure with every team",
        description="Each member team gets its own measure of the standard where it has none, "
        "with the standard's definition and chart settings.",
        request=SharedMeasureAddSerializer,
        responses={201: SharedMeasureSerializer},
        tags=TAGS,
    )
    @measures.mapping.post
    def measure_add(self, request, slug=None):
        programme = self.get_object()
        body = SharedMeasureAddSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        services.shared_measure_add(by=request.user, programme=programme, **body.validated_data)
        standard = body.validated_data["standard"]
        shared = next(
            shared
            for shared in self._fresh(programme).shared_measures.all()
            if shared.standard_id == standard.pk
        )
        return Response(SharedMeasureSerializer(shared).data, status=status.HTTP_201_CREATED)
