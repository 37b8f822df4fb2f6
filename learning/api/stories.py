"""A project's learning, reported outcomes and impacts, and its story's way to the archive,
for signed-in users and partners' tokens.

The whole workflow through the API: write the learning (PUT/PATCH
/api/v1/projects/{project_id}/learning/, at least its summary) and any reported outcomes; the
project lead (or a lead of its regions, or a national admin) submits the story with POST
/api/v1/projects/{project_id}/story/submit/, which makes it on its first submission (its slug is
then the learning's `story_slug`); a lead of its regions (or a national admin) publishes it with
POST /api/v1/stories/{slug}/publish/ choosing the measures whose charts appear, or sends it back
with /return/; /withdraw/ takes it out of the archive. Every step is in the story's `steps`.

Refusals: 403 for whoever may not do it, whatever the body; 400 naming each bad field; 409 (code
`story_status`) for a step the story's status does not allow, e.g. publishing a draft.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.api.errors import Conflict
from core.api.schema import ErrorSerializer
from core.api.views import ApiView
from core.lookup import visible_or_404
from learning import access
from learning.api.story_filters import StoryFilter
from learning.api.story_serializers import (
    LearningSerializer,
    OutcomeSerializer,
    ProjectImpactsSerializer,
    PublishSerializer,
    ReturnSerializer,
    StorySerializer,
    SubmitSerializer,
    WithdrawSerializer,
)
from learning.models import ProjectLearning
from learning.presenters.impacts import impact_document, impacts_by_measure
from learning.services import permissions
from learning.services import stories as services
from measurement import access as measurement_access
from projects import access as projects_access

TAGS = ["stories"]
SLUG_PATTERN = r"[-a-zA-Z0-9_]{1,120}"
PROJECT_ID = OpenApiParameter(
    "project_id", int, OpenApiParameter.PATH, description="The project's id."
)
OUTCOME_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The reported outcome's id."
)
WRONG_STATUS = OpenApiResponse(
    ErrorSerializer,
    description="The story's status does not allow this step (code `story_status`), e.g. "
    "publishing a draft: the detail says what it is.",
)


def project_or_404(user, project_id):
    return visible_or_404(
        projects_access.projects_visible_to(user),
        f"There is no project with the id {project_id}.",
        pk=project_id,
    )


def outcome_or_404(user, outcome_id):
    project = projects_access.projects_visible_to(user).filter(reported_outcomes__pk=outcome_id)
    project = project.first()
    if project is None:
        raise NotFound(f"There is no reported outcome with the id {outcome_id}.")
    return project.reported_outcomes.select_related("project", "recorded_by").get(pk=outcome_id)


@contextmanager
def status_conflicts():
    """A step the story's status does not allow is a conflict with its state (409), not a bad
    field: the services say so as a `status` error."""
    try:
        yield
    except DjangoValidationError as error:
        if set(getattr(error, "error_dict", {})) == {"status"}:
            raise Conflict(" ".join(error.messages), code="story_status") from None
        raise


class _NoList:
    """A single resource, not a list: no pagination or list filters in the schema."""

    pagination_class = None
    filter_backends = []


# The learning --------------------------------------------------------------------------------


def learning_of(project) -> ProjectLearning:
    try:
        return project.learning
    except ProjectLearning.DoesNotExist:
        return ProjectLearning(project=project)  # nothing written yet: every field empty


@extend_schema_view(
    get=extend_schema(summary="What the project learned", parameters=[PROJECT_ID], tags=TAGS),
    put=extend_schema(
        summary="Write the project's learning (a field left out is emptied)",
        parameters=[PROJECT_ID],
        tags=TAGS,
    ),
    patch=extend_schema(
        summary="Change some fields of the project's learning", parameters=[PROJECT_ID], tags=TAGS
    ),
)
class ProjectLearningView(_NoList, ApiView, generics.GenericAPIView):
    serializer_class = LearningSerializer
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get(self, request, project_id):
        return self._answer(project_id)

    def put(self, request, project_id):
        return self._save(request, project_id, partial=False)

    def patch(self, request, project_id):
        return self._save(request, project_id, partial=True)

    def _save(self, request, project_id, *, partial):
        project = project_or_404(request.user, project_id)
        permissions.check_may_write_learning(request.user, project)
        body = LearningSerializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        if not partial:
            values = {name: values.get(name, "") for name in ProjectLearning.TEXT_FIELDS}
        services.save_learning(by=request.user, project=project, **values)
        return self._answer(project_id)

    def _answer(self, project_id):
        project = project_or_404(self.request.user, project_id)
        return Response(LearningSerializer(learning_of(project)).data)


# Reported outcomes ---------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="The results the team reports",
        responses=OutcomeSerializer(many=True),
        parameters=[PROJECT_ID],
        tags=TAGS,
    ),
    post=extend_schema(
        summary="Report a result (a saving or another outcome)",
        description="Give at least `description`. Shown as reported: never summed with the "
        "figures computed from the charts.",
        parameters=[PROJECT_ID],
        tags=TAGS,
    ),
)
class ProjectOutcomesView(_NoList, ApiView, generics.GenericAPIView):
    serializer_class = OutcomeSerializer

    def get(self, request, project_id):
        project = project_or_404(request.user, project_id)
        outcomes = project.reported_outcomes.select_related("recorded_by")
        return Response(OutcomeSerializer(outcomes, many=True).data)

    def post(self, request, project_id):
        project = project_or_404(request.user, project_id)
        permissions.check_may_write_learning(request.user, project)
        body = OutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = services.add_outcome(by=request.user, project=project, **body.validated_data)
        fresh = outcome_or_404(request.user, outcome.pk)
        return Response(OutcomeSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="One reported outcome", parameters=[OUTCOME_ID], tags=TAGS),
    patch=extend_schema(summary="Change a reported outcome", parameters=[OUTCOME_ID], tags=TAGS),
    delete=extend_schema(summary="Remove a reported outcome", parameters=[OUTCOME_ID], tags=TAGS),
)
class OutcomeView(_NoList, ApiView, generics.GenericAPIView):
    serializer_class = OutcomeSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get(self, request, pk):
        return Response(OutcomeSerializer(outcome_or_404(request.user, pk)).data)

    def patch(self, request, pk):
        outcome = outcome_or_404(request.user, pk)
        permissions.check_may_write_learning(request.user, outcome.project)
        body = OutcomeSerializer(outcome, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.update_outcome(by=request.user, outcome=outcome, **body.validated_data)
        return Response(OutcomeSerializer(outcome_or_404(request.user, pk)).data)

    def delete(self, request, pk):
        outcome = outcome_or_404(request.user, pk)
        permissions.check_may_write_learning(request.user, outcome.project)
        services.remove_outcome(by=request.user, outcome=outcome)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Impacts -------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="Impacts computed from the project's charts",
        description="For each measure, what changed between its phases: from X to Y (display "
        "units: 27.0 for 27%), one event every N days to one every M, days since the last "
        "event, whether the target is met reliably, harms avoided.",
        parameters=[PROJECT_ID],
        tags=TAGS,
    )
)
class ProjectImpactsView(_NoList, ApiView, generics.GenericAPIView):
    serializer_class = ProjectImpactsSerializer

    def get(self, request, project_id):
        project = project_or_404(request.user, project_id)
        measures = list(
            measurement_access.measures_visible_to(request.user).filter(project=project)
        )
        by_measure = impacts_by_measure(measures)
        impacts = [
            impact_document(measure, impact)
            for measure in measures
            for impact in by_measure.get(measure.pk, [])
        ]
        return Response({"project": project.pk, "impacts": impacts})


# Stories -------------------------------------------------------------------------------------


def stories_for_api(user):
    return (
        access.stories_visible_to(user)
        .select_related("project__lead_region")
        .prefetch_related("published_measures", "steps__by")
    )


def story_answer(request, story):
    fresh = stories_for_api(request.user).get(pk=story.pk)
    return Response(StorySerializer(fresh, context={"request": request}).data)


@extend_schema_view(
    post=extend_schema(
        summary="Submit the project's story for review (made on its first submission)",
        description="The project's leads, leads of its regions and national admins submit a "
        "draft, returned or withdrawn story once the learning's summary is written. Its slug "
        "names it in /api/v1/stories/{slug}/ from then on.",
        request=SubmitSerializer,
        responses={200: StorySerializer, 409: WRONG_STATUS},
        parameters=[PROJECT_ID],
        tags=TAGS,
    )
)
class ProjectStorySubmitView(_NoList, ApiView, generics.GenericAPIView):
    serializer_class = SubmitSerializer

    def post(self, request, project_id):
        project = project_or_404(request.user, project_id)
        return submit(request, project)


def submit(request, project):
    permissions.check_may_submit_story(request.user, project)
    body = SubmitSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    with status_conflicts():
        story = services.submit_story(by=request.user, project=project, **body.validated_data)
    return story_answer(request, story)


@extend_schema_view(
    list=extend_schema(summary="List stories, in every status", tags=TAGS),
    retrieve=extend_schema(summary="One story, by slug, with its steps", tags=TAGS),
)
class StoryViewSet(
    ApiView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = StorySerializer
    filterset_class = StoryFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering = ("-updated_at", "id")
    ordering_fields = ("updated_at", "published_at", "first_published_at", "slug", "status", "id")

    def get_queryset(self):
        return stories_for_api(self.request.user)

    @extend_schema(
        summary="Submit the story for review",
        description="As POST /api/v1/projects/{project_id}/story/submit/.",
        request=SubmitSerializer,
        responses={200: StorySerializer, 409: WRONG_STATUS},
        tags=TAGS,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, slug=None):
        return submit(request, self.get_object().project)

    @extend_schema(
        summary="Publish the story, with the charts of the measures chosen",
        description="Leads of the project's regions and national admins publish a submitted "
        "story; on a published one this changes the charts shown.",
        request=PublishSerializer,
        responses={200: StorySerializer, 409: WRONG_STATUS},
        tags=TAGS,
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        story = self.get_object()
        permissions.check_may_review_story(request.user, story.project)
        body = PublishSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        with status_conflicts():
            story = services.publish_story(by=request.user, story=story, **body.validated_data)
        return story_answer(request, story)

    @extend_schema(
        summary="Send the story back to the team, saying why",
        request=ReturnSerializer,
        responses={200: StorySerializer, 409: WRONG_STATUS},
        tags=TAGS,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request, slug=None):
        story = self.get_object()
        permissions.check_may_review_story(request.user, story.project)
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with status_conflicts():
            story = services.return_story(by=request.user, story=story, **body.validated_data)
        return story_answer(request, story)

    @extend_schema(
        summary="Withdraw the story from the archive (or from review), saying why",
        description="Leads of the project's regions, national admins and the project's leads "
        "withdraw a published or submitted story; it can be submitted again.",
        request=WithdrawSerializer,
        responses={200: StorySerializer, 409: WRONG_STATUS},
        tags=TAGS,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, slug=None):
        story = self.get_object()
        permissions.check_may_withdraw_story(request.user, story.project)
        body = WithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with status_conflicts():
            story = services.withdraw_story(by=request.user, story=story, **body.validated_data)
        return story_answer(request, story)
