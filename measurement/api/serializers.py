from rest_framework import serializers

from measurement.models import Measure


class MeasureSerializer(serializers.ModelSerializer):
    """A measure; `chart` and `rules` default to what the data type suits."""

    project = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id", "project", "name", "kind", "definition", "inclusions", "exclusions",
            "data_source", "data_type", "chart", "rules", "improvement", "target", "frequency",
            "screen_moving_ranges", "baseline_points", "unit", "multiplier", "standard",
            "primary_driver", "secondary_driver", "change_idea", "variation", "assurance",
            "updated_at",
        ]
        read_only_fields = ["variation", "assurance", "updated_at"]
        extra_kwargs = {
            "chart": {"required": False},
            "rules": {"required": False},
            "definition": {"required": False},
        }


class MeasureCreateSerializer(MeasureSerializer):
    project = serializers.IntegerField(write_only=True)


class PointsSerializer(serializers.Serializer):
    """Rows stay loose dicts on purpose: the entry rules check each row and report its
    problems by index, rather than failing the whole request at the first."""

    points = serializers.ListField(child=serializers.DictField(), max_length=10_000,
                                   allow_empty=False)


class EventsSerializer(serializers.Serializer):
    events = serializers.ListField(child=serializers.DictField(), max_length=10_000,
                                   allow_empty=False)


class PhaseSerializer(serializers.Serializer):
    start = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class ImportSummarySerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.ListField(child=serializers.DictField())
