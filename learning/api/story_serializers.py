"""How the API shows a project's learning, its reported outcomes, its story on the way to the
archive and its impacts (signed in), and the public archive's stories (no personal data).

Stories are named by slug, measures by id, people (in a story's steps, signed in only) by
username; the writes go through learning.services.stories.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import ScopedIdField
from learning.models import ProjectLearning, ReportedOutcome, Story, StoryStep
from learning.presenters.archive_story import story_summary
from measurement import access as measurement_access
from projects.models import Topic

STORY_STATUSES = "draft, submitted, returned, published or withdrawn"

# The learning --------------------------------------------------------------------------------


class LearningSerializer(serializers.ModelSerializer):
    """The six fields the team writes; on PUT a field left out is emptied, on PATCH kept."""

    project = serializers.IntegerField(source="project_id", read_only=True)
    story_slug = serializers.CharField(
        source="project.story.slug",
        read_only=True,
        allow_null=True,
        help_text="The project's story (/api/v1/stories/{slug}/); null until it is first "
        "submitted (POST /api/v1/projects/{project_id}/story/submit/).",
    )
    story_status = serializers.CharField(
        source="project.story.status",
        read_only=True,
        allow_null=True,
        help_text=f"The story's status: {STORY_STATUSES}; null when it has none yet.",
    )
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = ProjectLearning
        fields = ["project", *ProjectLearning.TEXT_FIELDS, "story_slug", "story_status"]
        fields += ["updated_at"]
        extra_kwargs = {name: {"required": False} for name in ProjectLearning.TEXT_FIELDS}


# Reported outcomes ---------------------------------------------------------------------------


class OutcomeSerializer(serializers.ModelSerializer):
    """A result the team reports, shown as reported (never summed with computed figures)."""

    project = serializers.IntegerField(source="project_id", read_only=True)
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text='How much, in `unit` (a string in answers, e.g. "300000.00"); null: none given.',
    )
    cash_releasing = serializers.BooleanField(
        required=False,
        allow_null=True,
        help_text="Money that can be spent elsewhere; null: not said.",
    )
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ReportedOutcome
        fields = [
            "id",
            "project",
            "kind",
            "description",
            "amount",
            "unit",
            "period",
            "cash_releasing",
            "estimation",
            "source",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


# Stories, signed in --------------------------------------------------------------------------


class StoryStepSerializer(serializers.ModelSerializer):
    by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = StoryStep
        fields = ["action", "comment", "by", "at"]
        read_only_fields = fields


class StorySerializer(serializers.ModelSerializer):
    """A story in any status, with every step of its way to the archive."""

    project = serializers.IntegerField(source="project_id", read_only=True)
    title = serializers.CharField(source="project.title", read_only=True)
    region = serializers.SlugRelatedField(
        source="project.lead_region", slug_field="slug", read_only=True
    )
    published_measures = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="The measures whose charts the public sees."
    )
    public_url = serializers.SerializerMethodField(
        help_text="Its page in the public archive while it is published; otherwise null."
    )
    steps = StoryStepSerializer(many=True, read_only=True)

    class Meta:
        model = Story
        fields = [
            "slug",
            "project",
            "title",
            "region",
            "status",
            "contact",
            "published_measures",
            "first_published_at",
            "published_at",
            "public_url",
            "steps",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_public_url(self, story) -> str | None:
        if not story.is_public:
            return None
        return absolute(self.context.get("request"), story.get_absolute_url())


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class SubmitSerializer(serializers.Serializer):
    contact = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="How the public gets in touch: a team or collaborative mailbox. Left out: "
        "kept as it is.",
    )
    comment = serializers.CharField(allow_blank=True, default="")


class PublishSerializer(serializers.Serializer):
    measures = ScopedIdField(
        scope=measurement_access.measures_visible_to,
        noun="measure",
        many=True,
        allow_empty=True,
        help_text="Ids of the project's own measures whose charts the public sees (may be "
        "empty). On a published story, changes the charts shown.",
    )
    comment = serializers.CharField(allow_blank=True, default="")


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(
        allow_blank=True, help_text="What the team should change (required)."
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        allow_blank=True, help_text="Why the story is withdrawn (required)."
    )


# Impacts -------------------------------------------------------------------------------------


class PhaseRefSerializer(serializers.Serializer):
    phase = serializers.IntegerField(help_text="1 for the chart's first phase.")
    start = serializers.DateField()
    reason = serializers.CharField(help_text="Why the phase began (the rebase's reason).")


class ImpactSerializer(serializers.Serializer):
    """One impact statement computed from a measure's chart (learning.presenters.impacts)."""

    measure = serializers.IntegerField(help_text="The measure's id.")
    measure_name = serializers.CharField()
    statement = serializers.CharField(help_text="In words, e.g. “… from 27% to 77%”.")
    before = serializers.FloatField(
        allow_null=True, help_text="In the measure's display units: 27.0 for 27%."
    )
    after = serializers.FloatField(allow_null=True)
    relative_change = serializers.FloatField(
        allow_null=True, help_text="A fraction: 1.85 for +185%."
    )
    unit = serializers.CharField(allow_blank=True)
    kind = serializers.CharField(help_text="level, rate, since_last, assurance or harm_avoided.")
    phases = PhaseRefSerializer(many=True, help_text="The phases the statement compares.")


class ProjectImpactsSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    impacts = ImpactSerializer(many=True, help_text="Every measure's impacts, measure by measure.")


# The public archive --------------------------------------------------------------------------


class PublicStorySummarySerializer(serializers.Serializer):
    """A published story in the public list: enough to choose one (its detail has the rest)."""

    slug = serializers.SlugField(read_only=True)
    title = serializers.CharField(source="project.title", read_only=True)
    url = serializers.SerializerMethodField(help_text="Its page in the public archive.")
    api_url = serializers.SerializerMethodField(help_text="The whole story, from this API.")
    region = serializers.CharField(source="project.lead_region.slug", read_only=True)
    region_name = serializers.CharField(source="project.lead_region.name", read_only=True)
    topic = serializers.ChoiceField(source="project.topic", choices=Topic.choices, read_only=True)
    summary = serializers.SerializerMethodField(help_text="What the team learned, in brief.")
    started_on = serializers.DateField(source="project.start_date", read_only=True)
    completed_on = serializers.DateField(
        source="project.completed_on", read_only=True, allow_null=True
    )
    first_published_at = serializers.DateTimeField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(serializers.URLField())
    def get_url(self, story) -> str:
        return absolute(self.context.get("request"), story.get_absolute_url())

    @extend_schema_field(serializers.URLField())
    def get_api_url(self, story) -> str:
        return absolute(self.context.get("request"), f"/api/v1/public/stories/{story.slug}/")

    @extend_schema_field(serializers.CharField())
    def get_summary(self, story) -> str:
        return story_summary(story)
