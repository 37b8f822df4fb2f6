"""Projects, with their team, participating regions and aim."""

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.fields import ID_PATTERN
from core.api.views import ApiView
from projects import access
from projects.api.filters import ProjectFilter
from projects.api.serializers import MemberSerializer, ProjectSerializer
from projects.services import project as project_services

USERNAME_PATTERN = r"[\w.@+-]{1,150}"


@extend_schema_view(
    list=extend_schema(summary="List projects"),
    create=extend_schema(
        summary="Start a project",
        description="Give at least `title` and `lead_region` (a slug). Regional leads start "
        "projects their regions lead; national admins any.",
    ),
    retrieve=extend_schema(summary="One project"),
    update=extend_schema(summary="Replace a project's details"),
    partial_update=extend_schema(summary="Change a project's details"),
)
class ProjectViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    lookup_value_regex = ID_PATTERN
    ordering = ("-start_date", "id")
    ordering_fields = ("start_date", "title", "updated_at", "status", "id")

    def get_queryset(self):
        return (
            access.projects_visible_to(self.request.user)
            .select_related("lead_region")
            .prefetch_related(
                "participating_regions", "organisations", "care_settings", "members__user"
            )
        )

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        values.setdefault("start_date", timezone.localdate())
        serializer.instance = project_services.project_create(by=self.request.user, **values)

    def perform_update(self, serializer):
        serializer.instance = project_services.project_update(
            by=self.request.user, project=serializer.instance, **serializer.validated_data
        )

    @extend_schema(
        summary="Add someone to the team (or change their role)",
        request=MemberSerializer,
        responses={201: MemberSerializer},
    )
    @action(detail=True, methods=["post"], url_path="team")
    def team(self, request, pk=None):
        project = self.get_object()
        body = MemberSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        member = project_services.member_add(
            by=request.user, project=project, **body.validated_data
        )
        return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Take someone off the team", request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=f"team/(?P<username>{USERNAME_PATTERN})",
        url_name="team-member",
    )
    def team_member(self, request, pk=None, username=None):
        project = self.get_object()
        member = project.members.select_related("user").filter(user__username=username).first()
        if member is None:
            raise Http404(f"{username} is not in the team of “{project.title}”.")
        project_services.member_remove(by=request.user, project=project, user=member.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
