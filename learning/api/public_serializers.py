"""The shape of a public story (learning.presenters.archive_story.public_story), for the OpenAPI
schema: the API answers the presenter's dict itself, so the archive's page and the API show the
same, with the story's and each chart's addresses made absolute."""

from rest_framework import serializers

from learning.api.story_serializers import ImpactSerializer


def _text(**kwargs):
    return serializers.CharField(allow_blank=True, **kwargs)


def _day(**kwargs):
    return serializers.CharField(
        allow_null=True, help_text="ISO 8601, or null when there is none.", **kwargs
    )


class CodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class CodeWordsSerializer(serializers.Serializer):
    code = _text(allow_null=True)
    words = _text()


class PublicAimSerializer(serializers.Serializer):
    what = _text()
    for_whom = _text()
    how_much = _text()
    by_when = _day()
    full = _text()


class PublicRegionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    website = _text()


class PublicOrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()


class PublicCareSettingSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PublicDatesSerializer(serializers.Serializer):
    start = _day()
    completed = _day()
    first_published = _day()
    published = _day()


class PublicSecondarySerializer(serializers.Serializer):
    text = serializers.CharField()
    change_ideas = serializers.ListField(child=serializers.CharField())


class PublicPrimarySerializer(serializers.Serializer):
    text = serializers.CharField()
    secondaries = PublicSecondarySerializer(many=True)


class PublicCatalogueLinkSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PublicChangeSerializer(serializers.Serializer):
    text = serializers.CharField()
    description = _text()
    catalogue = PublicCatalogueLinkSerializer(many=True, help_text="The catalogue entry tested.")
    cycles = serializers.IntegerField(help_text="How many PDSA cycles tested it.")
    first = _day()
    last = _day()
    decisions = serializers.ListField(child=serializers.CharField(), help_text="adapt, adopt…")
    summary = serializers.CharField(help_text="e.g. “3 cycles, May–Oct 2016: adapt, adopt”.")


class PublicMeasureSerializer(serializers.Serializer):
    """A published chart's measure, with the impacts read from its chart."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = _text()
    chart_url = serializers.URLField(help_text="The chart as an SVG image.")
    chart = CodeWordsSerializer()
    rules = CodeWordsSerializer()
    improvement = CodeWordsSerializer()
    variation = CodeWordsSerializer()
    assurance = CodeWordsSerializer()
    impacts = ImpactSerializer(many=True)


class PublicLearningSerializer(serializers.Serializer):
    summary = _text()
    what_worked = _text()
    what_did_not = _text()
    advice = _text()
    sustain = _text()
    spread_plan = _text()


class PublicOutcomeSerializer(serializers.Serializer):
    """As the team reported it: never summed with the figures computed from the charts."""

    kind = serializers.CharField(help_text="saving or other.")
    kind_label = serializers.CharField()
    description = serializers.CharField()
    amount = _text(help_text="Formatted, e.g. “£1.3m”.")
    amount_value = serializers.CharField(allow_null=True, help_text="A decimal string, or null.")
    unit = _text()
    period = _text()
    cash_releasing = serializers.BooleanField(allow_null=True)
    cash_words = _text()
    estimation = _text()
    source = _text()


class PublicContactSerializer(serializers.Serializer):
    text = _text()
    url = _text()


class PublicStorySerializer(serializers.Serializer):
    """A published story: everything its public page shows, and no personal data."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="Its page in the public archive.")
    summary = _text()
    aim = PublicAimSerializer()
    topic = CodeLabelSerializer()
    lead_region = PublicRegionSerializer()
    participating_regions = PublicRegionSerializer(many=True)
    organisations = PublicOrganisationSerializer(many=True)
    care_settings = PublicCareSettingSerializer(many=True)
    dates = PublicDatesSerializer()
    status = CodeLabelSerializer(help_text="The project's status.")
    driver_diagram = PublicPrimarySerializer(many=True)
    changes_tested = PublicChangeSerializer(many=True)
    measures = PublicMeasureSerializer(many=True, help_text="The published charts' measures.")
    impacts = ImpactSerializer(many=True, help_text="Every published measure's impacts.")
    learning = PublicLearningSerializer()
    reported_outcomes = PublicOutcomeSerializer(many=True)
    contact = PublicContactSerializer()
    team = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names of the team members who agreed to be named; no one else.",
    )
    projects_started = serializers.IntegerField(help_text="Projects started from this story.")
