"""How the API shows programmes (with their teams, sessions and shared measures), catalogue
entries and adoptions. Programmes, entries and regions are named by slug, people by username,
organisations by id or ODS code; the writes go through learning.services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import ScopedIdField, ScopedSlugField
from learning import access
from learning.models import (
    Adoption,
    AdoptionSource,
    AdoptionStatus,
    ChangeEntry,
    ChangeResource,
    EntryStatus,
    LearningSession,
    Programme,
    ProgrammeMember,
    ProgrammeMethod,
    ProgrammeStatus,
    SessionMaterial,
    SessionMode,
    SharedMeasure,
)
from projects import access as projects_access
from projects.api.serializers import AimSerializer, person_field, project_field
from projects.models import Topic
from regions.api.fields import OrganisationField, region_field


def programme_field(**kwargs) -> ScopedSlugField:
    field = ScopedSlugField(scope=access.programmes_visible_to, noun="programme", **kwargs)
    field.error_messages["does_not_exist"] = (
        "There is no programme called “{value}”; programmes are named by slug, "
        "e.g. emergency-laparotomy"
    )
    return field


def change_field(**kwargs) -> ScopedSlugField:
    field = ScopedSlugField(scope=access.changes_visible_to, noun="catalogue entry", **kwargs)
    field.error_messages["does_not_exist"] = (
        "There is no catalogue entry called “{value}”; entries are named by slug"
    )
    return field


# Programmes ------------------------------------------------------------------------------------


class ProgrammeMemberSerializer(serializers.ModelSerializer):
    """A team (project) in the programme, from the day it joined to the day it left."""

    project = project_field()
    title = serializers.CharField(source="project.title", read_only=True)
    lead_region = serializers.SlugRelatedField(
        source="project.lead_region", slug_field="slug", read_only=True
    )

    class Meta:
        model = ProgrammeMember
        fields = ["project", "title", "lead_region", "joined_on", "left_on"]
        read_only_fields = ["left_on"]
        validators = []  # member_add says when the team is already a member


class MaterialSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionMaterial
        fields = ["title", "url"]


class SessionSerializer(serializers.ModelSerializer):
    """A learning session; the action periods are the gaps between sessions."""

    mode = serializers.ChoiceField(choices=SessionMode.choices, default=SessionMode.IN_PERSON)
    materials = MaterialSerializer(many=True, read_only=True)

    class Meta:
        model = LearningSession
        fields = ["id", "title", "held_on", "mode", "place", "agenda", "materials"]


class TeamMeasureSerializer(serializers.Serializer):
    project = serializers.IntegerField(help_text="The member team's project id.")
    measure = serializers.IntegerField(help_text="The team's measure of the standard (its id).")


class SharedMeasureSerializer(serializers.ModelSerializer):
    """A standard measure the programme's teams collect, with each team's own measure of it."""

    standard = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="standard.name", read_only=True)
    team_measures = serializers.SerializerMethodField()

    class Meta:
        model = SharedMeasure
        fields = ["standard", "name", "is_mandatory", "position", "team_measures"]
        read_only_fields = fields

    @staticmethod
    def _teams(shared: SharedMeasure) -> list[dict]:
        # From the prefetched members and their measures: no query per shared measure.
        return [
            {"project": member.project_id, "measure": measure.pk}
            for member in shared.programme.members.all()
            for measure in member.project.measures.all()
            if measure.standard_id == shared.standard_id
        ]

    @extend_schema_field(TeamMeasureSerializer(many=True))
    def get_team_measures(self, shared):
        return TeamMeasureSerializer(self._teams(shared), many=True).data


class ProgrammeSerializer(serializers.ModelSerializer):
    """A collaborative programme. Lead regions are slugs, leads usernames; `members`,
    `sessions` and `measures` are read here and added through their own endpoints."""

    topic = serializers.ChoiceField(choices=Topic.choices)
    method = serializers.ChoiceField(
        choices=ProgrammeMethod.choices, default=ProgrammeMethod.BREAKTHROUGH_SERIES
    )
    status = serializers.ChoiceField(
        choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
    )
    lead_regions = region_field(many=True, required=False)
    leads = person_field(many=True, required=False)
    aim = AimSerializer(source="*", required=False)
    members = ProgrammeMemberSerializer(many=True, read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    measures = SharedMeasureSerializer(source="shared_measures", many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "summary",
            "aim",
            "topic",
            "method",
            "is_national",
            "lead_regions",
            "leads",
            "start_date",
            "end_date",
            "status",
            "members",
            "sessions",
            "measures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "is_national": {"default": False},
            "slug": {"required": False, "help_text": "Made from the name if not given."},
        }
        validators = []


# The catalogue ---------------------------------------------------------------------------------


class ResourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChangeResource
        fields = ["title", "url", "position"]
        read_only_fields = ["position"]


class ChangeEntrySerializer(serializers.ModelSerializer):
    """A change in the catalogue, owned by exactly one programme or region (by slug)."""

    topic = serializers.ChoiceField(choices=Topic.choices)
    status = serializers.ChoiceField(choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    care_settings = ScopedSlugField(
        scope=projects_access.care_settings_visible_to,
        noun="care setting",
        many=True,
        required=False,
    )
    owner_programme = programme_field(required=False, allow_null=True)
    owner_region = region_field(required=False, allow_null=True)
    resources = ResourceSerializer(many=True, read_only=True)

    class Meta:
        model = ChangeEntry
        fields = [
            "slug",
            "name",
            "description",
            "evidence",
            "topic",
            "care_settings",
            "owner_programme",
            "owner_region",
            "status",
            "published_on",
            "resources",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["published_on", "created_at", "updated_at"]
        extra_kwargs = {
            "slug": {"required": False, "help_text": "Made from the name if not given."}
        }
        validators = []


# Adoptions -------------------------------------------------------------------------------------


class AdoptionSerializer(serializers.ModelSerializer):
    """An organisation's adoption of one catalogue entry (`change`) or of a programme's whole
    change package (`package`): exactly one of the two."""

    organisation = OrganisationField()
    change = change_field(source="entry", required=False, allow_null=True)
    package = programme_field(source="package_of", required=False, allow_null=True)
    status = serializers.ChoiceField(choices=AdoptionStatus.choices, default=AdoptionStatus.TESTING)
    source = serializers.ChoiceField(
        choices=AdoptionSource.choices, default=AdoptionSource.ELSEWHERE
    )
    source_project = ScopedIdField(
        scope=projects_access.projects_visible_to, noun="project", required=False, allow_null=True
    )
    source_programme = programme_field(required=False, allow_null=True)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Adoption
        fields = [
            "id",
            "organisation",
            "change",
            "package",
            "adopted_on",
            "status",
            "source",
            "source_project",
            "source_programme",
            "source_note",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []

    def validate(self, attrs):
        if self.instance is None:
            has_entry = attrs.get("entry") is not None
            if has_entry == (attrs.get("package_of") is not None):
                raise serializers.ValidationError(
                    {"change": ["Name either the change (an entry's slug) or the package"]},
                    code="change_or_package",
                )
        return attrs
