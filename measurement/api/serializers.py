from rest_framework import serializers

from core.api.fields import ScopedIdField
from core.api.schema import ErrorSerializer
from measurement import access
from measurement.models import DataPoint, Measure
from measurement.readings import ASSURANCE_CHOICES, VARIATION_CHOICES
from measurement.services.measures import has_data
from projects import access as projects_access

MAX_POINTS = 10_000


class MeasureSerializer(serializers.ModelSerializer):
    """A measure; `chart` and `rules` default to what the data type suits."""

    project = serializers.PrimaryKeyRelatedField(read_only=True)
    variation = serializers.ChoiceField(
        choices=VARIATION_CHOICES,
        allow_blank=True,
        read_only=True,
        help_text="What the chart shows now (the variation icon); empty before there is data.",
    )
    assurance = serializers.ChoiceField(
        choices=ASSURANCE_CHOICES,
        allow_blank=True,
        read_only=True,
        help_text="Whether the target will be met (the assurance icon); empty without a target.",
    )
    standard = ScopedIdField(
        scope=access.standard_measures_visible_to,
        noun="standard measure",
        required=False,
        allow_null=True,
    )
    primary_driver = ScopedIdField(
        scope=projects_access.primary_drivers_visible_to,
        noun="primary driver",
        required=False,
        allow_null=True,
    )
    secondary_driver = ScopedIdField(
        scope=projects_access.secondary_drivers_visible_to,
        noun="secondary driver",
        required=False,
        allow_null=True,
    )
    change_idea = ScopedIdField(
        scope=projects_access.change_ideas_visible_to,
        noun="change idea",
        required=False,
        allow_null=True,
    )
    baseline_points = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=2,
        max_value=32767,
        help_text="Compute each phase's centre line and limits from its first points only.",
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "project",
            "name",
            "kind",
            "definition",
            "inclusions",
            "exclusions",
            "data_source",
            "data_type",
            "chart",
            "rules",
            "improvement",
            "target",
            "frequency",
            "screen_moving_ranges",
            "baseline_points",
            "unit",
            "multiplier",
            "allow_decimals",
            "standard",
            "primary_driver",
            "secondary_driver",
            "change_idea",
            "variation",
            "assurance",
            "updated_at",
        ]
        read_only_fields = ["variation", "assurance", "updated_at"]
        extra_kwargs = {
            "chart": {"required": False},
            "rules": {"required": False},
            "definition": {"required": False},
        }
        validators = []

    def to_internal_value(self, data):
        """A measure stays in its project: a change of `project` is refused, not ignored (the
        same project again, as a client sending back what it read, is fine)."""
        if (
            self.instance is not None
            and isinstance(data, dict)
            and "project" in data
            and str(data["project"]) != str(self.instance.project_id)
        ):
            raise serializers.ValidationError(
                {
                    "project": [
                        serializers.ErrorDetail(
                            "A measure stays in its project: create the measure in the other "
                            "project instead",
                            code="project_fixed",
                        )
                    ]
                }
            )
        return super().to_internal_value(data)

    def validate(self, attrs):
        if (
            self.instance is not None
            and "data_type" in attrs
            and attrs["data_type"] != self.instance.data_type
            and has_data(self.instance)
        ):
            raise serializers.ValidationError(
                {"data_type": "This measure has data: its data type cannot change"}, code="has_data"
            )
        return attrs


class MeasureCreateSerializer(MeasureSerializer):
    project = ScopedIdField(scope=projects_access.projects_visible_to, noun="project")


class PointSerializer(serializers.Serializer):
    """One period's value: `value` for continuous and count measures, `numerator` and
    `denominator` for proportions and rates."""

    period = serializers.DateField(
        help_text="Weekly periods start on a Monday, monthly on the 1st."
    )
    value = serializers.FloatField(required=False, allow_null=True)
    numerator = serializers.FloatField(required=False, allow_null=True)
    denominator = serializers.FloatField(required=False, allow_null=True)


class BulkPointSerializer(PointSerializer):
    measure = serializers.IntegerField(help_text="The measure's id.")


class RowsField(serializers.Field):
    """A list of 1 to 10,000 JSON objects, kept as they came: the entry rules check each row
    and report its problems by index, rather than failing the whole request at the first.
    (A ListField of DictFields would copy every row through three layers of fields.)"""

    default_error_messages = {
        "not_a_list": "Send a list of points (JSON objects)",
        "empty": "Send at least one point",
        "too_many": f"Send at most {MAX_POINTS:,} points a request: split bigger batches",
        "not_an_object": "Point {index} is not a JSON object",
    }

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list")
        if not data:
            self.fail("empty")
        if len(data) > MAX_POINTS:
            self.fail("too_many")
        for index, row in enumerate(data):
            if not isinstance(row, dict):
                self.fail("not_an_object", index=index)
        return data

    def to_representation(self, value):
        return value


class PointsSerializer(serializers.Serializer):
    points = RowsField()


class PointsDocSerializer(serializers.Serializer):
    """What the schema shows for a batch (the checks themselves are the entry rules')."""

    points = PointSerializer(many=True, max_length=MAX_POINTS, allow_empty=False)


class BulkPointsDocSerializer(serializers.Serializer):
    points = BulkPointSerializer(many=True, max_length=MAX_POINTS, allow_empty=False)


class EventSerializer(serializers.Serializer):
    date = serializers.DateField()
    opportunities_since_previous = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text="For g charts: e.g. deliveries since the previous event.",
    )


class EventsSerializer(serializers.Serializer):
    events = RowsField()


class EventsDocSerializer(serializers.Serializer):
    events = EventSerializer(many=True, max_length=MAX_POINTS, allow_empty=False)


class PhaseSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="The new phase's first point: a period with data.")
    reason = serializers.CharField(allow_blank=True)
    pdsa_cycle = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The id of the project's PDSA cycle that tested the change.",
    )
    change_idea = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The id of the project's change idea behind it.",
    )


class PhaseCreatedSerializer(serializers.Serializer):
    phase_start = serializers.DateField()
    reason = serializers.CharField()
    pdsa_cycle = serializers.IntegerField(allow_null=True)
    change_idea = serializers.IntegerField(allow_null=True)


class RejectedRowSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="The row's position in the batch, from 0.")
    period = serializers.CharField()
    field = serializers.CharField()
    code = serializers.CharField(
        help_text="e.g. not_monday, future_period, duplicate_period, "
        "not_a_number, negative, required, not_whole (people and events are counted "
        "whole unless the measure allows decimals), too_large (beyond 10^12), "
        "numerator_above_denominator, unknown_measure, "
        "not_permitted."
    )
    message = serializers.CharField()


class ImportSummarySerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = RejectedRowSerializer(many=True)


class RejectedBatchSerializer(ErrorSerializer):
    """A 400: the error format, plus the import summary when rows were rejected."""

    created = serializers.IntegerField(required=False)
    updated = serializers.IntegerField(required=False)
    unchanged = serializers.IntegerField(required=False)
    rejected = RejectedRowSerializer(many=True, required=False)

    class Meta:
        ref_name = "RejectedBatch"


class DataPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataPoint
        fields = ["id", "measure", "period", "value", "numerator", "denominator", "updated_at"]
        read_only_fields = fields
