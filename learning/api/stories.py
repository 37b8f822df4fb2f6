"""A project's story on its way to the archive, for signed-in users and partners' tokens
(/api/v1/stories/, /api/v1/projects/{project_id}/story/submit/).

The whole workflow through the API: write the learning (PUT/PATCH
/api/v1/projects/{project_id}/learning/, at least its summary) and any reported outcomes; the
project lead (or a lead of its regions, or a national admin) submits the story with POST
/api/v1/projects/{project_id}/story/submit/, which makes it on its first submission (its slug is
then the learning's `story_slug`); a lead of its regions (or a national admin) publishes it with
POST /api/v1/stories/{slug}/publish/ choosing the measures whose charts appear, or sends it back
with /return/; /withdraw/ takes it out of the archive. Every step is in the story's `steps`.

Refusals: 403 for whoever may not take the step, whatever the body; 400 naming each bad field;
409 (code `story_status`) for a step the story's status does not allow, e.g. publishing a draft.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.errors import Conflict
from core.api.schema import ErrorSerializer
from core.api.views import ApiView
from learning import access
from learning.api.project_learning import PROJECT_ID, SingleResource, project_or_404
from learning.api.story_filters import StoryFilter
from learning.api.story_serializers import (
    PublishSerializer,
    ReturnSerializer,
    StorySerializer,
    SubmitSerializer,
    WithdrawSerializer,
)
from learning.services import permissions
from learning.services import stories as services

TAGS = ["stories"]
SLUG_PATTERN = r"[-a-zA-Z0-9_]{1,120}"
WORKFLOW = (
    "A story's way to the public archive: (1) the team writes the learning, at least its "
    "`summary` (PUT or PATCH /api/v1/projects/{project_id}/learning/), and any reported "
    "outcomes (POST /api/v1/projects/{project_id}/outcomes/); (2) the project's lead, a lead of "
    "its regions or a national admin submits it (POST "
    "/api/v1/projects/{project_id}/story/submit/), which makes the story on its first "
    "submission: its slug is then the learning's `story_slug`; (3) a lead of its regions or a "
    "national admin publishes it with the measures whose charts appear (POST "
    "/api/v1/stories/{slug}/publish/) or sends it back with a comment (/return/), after which "
    "it can be submitted again (/submit/); (4) /withdraw/ takes it out of the archive with a "
    "reason. Published, it is at /api/v1/public/stories/{slug}/ for anyone. A step the status "
    "does not allow answers 409 with the code `story_status`."
)
WRONG_STATUS = OpenApiResponse(
    ErrorSerializer,
    description="The story's status does not allow this step (code `story_status`), e.g. "
    "publishing a draft: the detail says what it is.",
)


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
class ProjectStorySubmitView(SingleResource, ApiView, generics.GenericAPIView):
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
    list=extend_schema(summary="List stories, in every status", description=WORKFLOW, tags=TAGS),
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
