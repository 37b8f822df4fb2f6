"""The public archive's read API (/api/v1/public/stories/): published stories, for anyone,
without a token.

Anonymous callers are throttled per address (API_ANON_THROTTLE_RATE); a caller who sends a token
uses its own allowance. Only `learning.access.stories_public()` is read: a story in any other
status is not found. The detail is `learning.presenters.archive_story.public_story`, the public
page's own content, with no personal data: team members are named only if each agreed.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api.fields import queryable
from core.api.views import ApiView
from core.lookup import visible_or_404
from learning import access
from learning.api.public_serializers import PublicStorySerializer
from learning.api.story_filters import PublicStoryFilter
from learning.api.story_serializers import PublicStorySummarySerializer
from learning.archive_search import search_stories
from learning.presenters.archive_story import public_story, story_prefetched

TAGS = ["public archive"]
SLUG_PATTERN = r"[-a-zA-Z0-9_]{1,120}"
WORDS = OpenApiParameter(
    "q",
    str,
    OpenApiParameter.QUERY,
    required=False,
    description="Words to find in the titles, aims, stories and change ideas; the best "
    "matches first (unless `ordering` is given).",
)
PUBLIC = (
    "No token needed: anyone may read the archive. Anonymous callers share an allowance per "
    "address (429 with Retry-After when it is used up)."
)


@extend_schema_view(
    list=extend_schema(
        summary="List the published stories of the public archive",
        description=PUBLIC,
        parameters=[WORDS],
        tags=TAGS,
    ),
    retrieve=extend_schema(
        summary="One published story, by slug",
        description=f"{PUBLIC} Each published chart's measure comes with its impacts, and "
        "`impacts` lists them all.",
        responses=PublicStorySerializer,
        tags=TAGS,
    ),
)
class PublicStoryViewSet(
    ApiView, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [AllowAny]
    serializer_class = PublicStorySummarySerializer
    filterset_class = PublicStoryFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    ordering = ("-published_at", "id")
    ordering_fields = ("published_at", "first_published_at", "slug", "id")

    def get_queryset(self):
        return access.stories_public().select_related("project__lead_region", "project__learning")

    def filter_queryset(self, queryset):
        """With `q`, the matches in order of rank, unless an ordering is asked for."""
        words = self.request.query_params.get("q", "").strip()
        if not queryable(words):
            raise ValidationError({"q": ["Give words without control characters."]})
        if words:
            queryset = search_stories(queryset, words)
        ranked = bool(words) and not self.request.query_params.get("ordering")
        for backend in self.filter_backends:
            if ranked and issubclass(backend, OrderingFilter):
                continue
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def get_object(self):
        slug = self.kwargs["slug"]
        return visible_or_404(
            story_prefetched(access.stories_public()),
            f"There is no published story called “{slug}”.",
            slug=slug,
        )

    def retrieve(self, request, slug=None):
        story = public_story(self.get_object())
        story["url"] = request.build_absolute_uri(story["url"])
        for measure in story["measures"]:
            measure["chart_url"] = request.build_absolute_uri(measure["chart_url"])
        return Response(story)
