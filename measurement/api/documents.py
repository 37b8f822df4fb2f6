"""The analysis document's shape, for the schema (shared/spc/README.md, "The analysis
document"); the document itself is built by measurement.analysis."""

from rest_framework import serializers


class AnalysedPointSerializer(serializers.Serializer):
    period = serializers.DateField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    phase = serializers.IntegerField()
    baseline = serializers.BooleanField()
    centre = serializers.FloatField(allow_null=True)
    lower = serializers.FloatField(allow_null=True, help_text="Null on run charts.")
    upper = serializers.FloatField(allow_null=True, help_text="Null on run charts.")
    signals = serializers.ListField(child=serializers.CharField())
    main_signal = serializers.CharField(allow_null=True)
    point_type = serializers.CharField(allow_null=True, help_text="Given for `mdc` rules.")


class AnalysedPhaseSerializer(serializers.Serializer):
    phase = serializers.IntegerField()
    start = serializers.DateField()
    reason = serializers.CharField(allow_null=True)
    centre = serializers.FloatField(allow_null=True)
    n_useful = serializers.IntegerField()
    longest_run = serializers.IntegerField(allow_null=True)
    longest_run_max = serializers.IntegerField(allow_null=True)
    crossings = serializers.IntegerField(allow_null=True)
    crossings_min = serializers.IntegerField(allow_null=True)
    runs_signal = serializers.BooleanField()
    runs = serializers.IntegerField(required=False, help_text="IHI rules only, as below.")
    runs_lower = serializers.IntegerField(required=False, allow_null=True)
    runs_upper = serializers.IntegerField(required=False, allow_null=True)
    too_few_runs = serializers.BooleanField(required=False, allow_null=True)
    too_many_runs = serializers.BooleanField(required=False, allow_null=True)


class AnalysisSerializer(serializers.Serializer):
    measure = serializers.IntegerField()
    chart = serializers.CharField()
    rules = serializers.CharField()
    improvement = serializers.CharField()
    target = serializers.FloatField(allow_null=True)
    points = AnalysedPointSerializer(many=True)
    phases = AnalysedPhaseSerializer(many=True)
    variation = serializers.CharField(allow_null=True)
    assurance = serializers.CharField(allow_null=True)
    screen_moving_ranges = serializers.BooleanField(
        help_text="Whether moving ranges of 3.267 times their mean or more were left out."
    )
    baseline_points = serializers.IntegerField(
        allow_null=True, help_text="Limits from each phase's first k points; null for all."
    )
    notes = serializers.ListField(
        child=serializers.CharField(),
        help_text="What the figures need said, e.g. `no_variation`: a phase's baseline does "
        "not vary, so it has no limits. Empty when there is nothing to say.",
    )
