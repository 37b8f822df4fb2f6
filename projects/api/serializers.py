from rest_framework import serializers

from core.api.fields import ScopedIdField, ScopedSlugField
from projects import access
from projects.models import (
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectStatus,
    SecondaryDriver,
    Topic,
)
from regions import access as regions_access
from regions.api.fields import OrganisationField, region_field


def person_field(**kwargs) -> ScopedSlugField:
    field = ScopedSlugField(
        scope=regions_access.people_nameable_by, slug_field="username", noun="user", **kwargs
    )
    field.error_messages["does_not_exist"] = "There is no active user called “{value}”"
    return field


class AimSerializer(serializers.Serializer):
    """The structured aim: what will improve, for whom, by how much, by when."""

    what = serializers.CharField(
        source="aim_what", max_length=300, required=False, allow_blank=True
    )
    for_whom = serializers.CharField(
        source="aim_for_whom", max_length=300, required=False, allow_blank=True
    )
    how_much = serializers.CharField(
        source="aim_how_much", max_length=120, required=False, allow_blank=True
    )
    by_when = serializers.DateField(source="aim_by_when", required=False, allow_null=True)
    text = serializers.CharField(
        source="aim_text", required=False, allow_blank=True, help_text="The aim in full."
    )


class MemberSerializer(serializers.ModelSerializer):
    user = person_field()
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    role = serializers.ChoiceField(choices=ProjectRole.choices, default=ProjectRole.MEMBER)

    class Meta:
        model = ProjectMember
        fields = ["user", "name", "role"]
        validators = []


class ProjectSerializer(serializers.ModelSerializer):
    """A QI project. Only `title` and `lead_region` are required to create one."""

    lead_region = region_field()
    participating_regions = region_field(many=True, required=False)
    organisations = OrganisationField(many=True, required=False)
    care_settings = ScopedSlugField(
        scope=access.care_settings_visible_to, noun="care setting", many=True, required=False
    )
    topic = serializers.ChoiceField(choices=Topic.choices, default=Topic.OTHER)
    aim = AimSerializer(source="*", required=False)
    team = MemberSerializer(source="members", many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "summary",
            "lead_region",
            "participating_regions",
            "organisations",
            "topic",
            "care_settings",
            "status",
            "status_since",
            "start_date",
            "expected_end_date",
            "completed_on",
            "progress_score",
            "aim",
            "team",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "status_since": {"required": False},
            "start_date": {"required": False, "help_text": "Today when not given."},
            "progress_score": {"coerce_to_string": False},
        }
        validators = []

    def validate_status(self, status):
        """A stalled project may be closed or made active again (as on its region's stalled
        list), but only the nightly sweep stalls one."""
        current = self.instance.status if self.instance else None
        if status == ProjectStatus.STALLED and current != ProjectStatus.STALLED:
            raise serializers.ValidationError(
                "A project becomes stalled by itself after months without data, PDSA cycles "
                "or edits; choose another status",
                code="stalled_by_sweep",
            )
        return status


class NodeSerializer(serializers.ModelSerializer):
    """Fields every driver-diagram node has; each stays in its project."""

    def validate_project(self, project):
        if self.instance is not None and project.pk != self.instance.project_id:
            raise serializers.ValidationError(
                "A node stays in its project's diagram", code="project_fixed"
            )
        return project


def project_field(**kwargs) -> ScopedIdField:
    return ScopedIdField(scope=access.projects_visible_to, noun="project", **kwargs)


class PrimaryDriverSerializer(NodeSerializer):
    project = project_field()

    class Meta:
        model = PrimaryDriver
        fields = ["id", "project", "text", "position"]
        read_only_fields = ["position"]


class SecondaryDriverSerializer(NodeSerializer):
    primary_driver = ScopedIdField(scope=access.primary_drivers_visible_to, noun="primary driver")
    project = serializers.IntegerField(source="primary_driver.project_id", read_only=True)

    class Meta:
        model = SecondaryDriver
        fields = ["id", "project", "primary_driver", "text", "position"]
        read_only_fields = ["position"]


class ChangeIdeaSerializer(NodeSerializer):
    project = project_field()
    secondary_drivers = ScopedIdField(
        scope=access.secondary_drivers_visible_to,
        noun="secondary driver",
        many=True,
        required=False,
    )

    class Meta:
        model = ChangeIdea
        fields = ["id", "project", "text", "description", "secondary_drivers", "position"]
        read_only_fields = ["description", "position"]


class MoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["up", "down"])


class PDSACycleSerializer(serializers.ModelSerializer):
    project = project_field()
    change_idea = ScopedIdField(scope=access.change_ideas_visible_to, noun="change idea")
    follows = ScopedIdField(
        scope=access.pdsa_cycles_visible_to, noun="PDSA cycle", required=False, allow_null=True
    )
    owner = person_field(required=False, allow_null=True)

    class Meta:
        model = PDSACycle
        fields = [
            "id",
            "project",
            "change_idea",
            "follows",
            "title",
            "objective",
            "questions",
            "predictions",
            "plan",
            "what_happened",
            "results",
            "decision",
            "next_steps",
            "status",
            "start_date",
            "end_date",
            "owner",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []

    def validate_project(self, project):
        if self.instance is not None and project.pk != self.instance.project_id:
            raise serializers.ValidationError("A cycle stays in its project", code="project_fixed")
        return project
