"""Measures: what a project counts, how it is charted, and the national library they adopt."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from measurement import spc
from measurement.measure_choices import settings_message
from measurement.models.choices import (
    Chart,
    DataType,
    Frequency,
    Improvement,
    MeasureKind,
    RuleSet,
)
from measurement.readings import ASSURANCE_CHOICES, VARIATION_CHOICES
from projects.models import ChangeIdea, PrimaryDriver, Project, SecondaryDriver


class OperationalDefinition(models.Model):
    """What is counted, precisely enough that two teams count the same thing."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=MeasureKind.choices)
    definition = models.TextField("operational definition", blank=True)
    inclusions = models.TextField(blank=True)
    exclusions = models.TextField(blank=True)
    data_source = models.CharField(max_length=300, blank=True)
    data_type = models.CharField(max_length=16, choices=DataType.choices)
    chart = models.CharField(max_length=8, choices=Chart.choices)
    rules = models.CharField(max_length=8, choices=RuleSet.choices)
    improvement = models.CharField(
        max_length=8, choices=Improvement.choices, default=Improvement.NEITHER
    )
    unit = models.CharField(
        max_length=40, blank=True, help_text="For example % or per 1,000 bed-days"
    )
    multiplier = models.FloatField(
        "display multiplier",
        default=1,
        help_text="Plotted values are multiplied by this: 100 for %, 1000 per 1,000 bed-days.",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def clean(self):
        try:
            spc.validate_settings(
                spc.MeasureSettings(
                    chart=self.chart,
                    rules=self.rules,
                    data_type=self.data_type,
                    improvement=self.improvement,
                )
            )
        except spc.InvalidSettings as error:
            message = settings_message(
                error, chart=self.chart, rules=self.rules, data_type=self.data_type
            )
            raise ValidationError({error.field: message}) from None
        if self.multiplier is not None and self.multiplier <= 0:
            raise ValidationError({"multiplier": "The display multiplier must be above zero"})


class StandardMeasure(OperationalDefinition):
    """A nationally reviewed measure that projects adopt instead of re-inventing."""

    slug = models.SlugField(unique=True)
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("measurement:standard_detail", args=[self.slug])


class Measure(OperationalDefinition):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    standard = models.ForeignKey(
        StandardMeasure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name="national standard measure",
    )
    target = models.FloatField(null=True, blank=True)
    allow_decimals = models.BooleanField(
        default=False,
        db_default=False,  # bulk loaders (demo/scale) write columns they name
        help_text="Proportions of people are whole numbers; a measure of, say, bed-days may "
        "take decimals.",
    )
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    screen_moving_ranges = models.BooleanField(
        "screen moving ranges",
        default=True,
        help_text="Leave out very large moving ranges when computing XmR limits.",
    )
    baseline_points = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Compute the centre line and limits of each phase from its first points only.",
    )
    # The driver-diagram node the measure tells about, if any (at most one).
    primary_driver = models.ForeignKey(
        PrimaryDriver, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    secondary_driver = models.ForeignKey(
        SecondaryDriver, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    change_idea = models.ForeignKey(
        ChangeIdea, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    # The analysis of the latest data, kept so lists need not recompute every chart.
    variation = models.CharField(max_length=40, blank=True, choices=VARIATION_CHOICES)
    assurance = models.CharField(max_length=40, blank=True, choices=ASSURANCE_CHOICES)
    analysed_at = models.DateTimeField(null=True, blank=True)
    harm_avoided = models.FloatField(
        null=True,
        blank=True,
        help_text="Estimated harm avoided in the current phase (see measurement.spc.harm).",
    )
    data_version = models.PositiveIntegerField(
        default=0, help_text="Bumped on every change to data or settings; keys the chart cache."
    )
    analysed_version = models.PositiveIntegerField(
        default=0, help_text="The data version the stored analysis (variation, states) reads."
    )
    stale_from = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The earliest period changed since the last analysis: quarter readings are "
        "re-read from its quarter on (docs/adr/0005-frozen-quarter-readings.md).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=[
            "variation",
            "assurance",
            "analysed_at",
            "harm_avoided",
            "data_version",
            "analysed_version",
            "stale_from",
            "updated_at",
        ]
    )

    class Meta:
        ordering = ["project", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_points__isnull=True) | Q(baseline_points__gte=2),
                name="measure_baseline_at_least_two",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("measurement:measure_detail", args=[self.pk])

    def clean(self):
        super().clean()
        linked = [self.primary_driver_id, self.secondary_driver_id, self.change_idea_id]
        if sum(node is not None for node in linked) > 1:
            raise ValidationError("Link the measure to one driver-diagram node at most")
        if self.baseline_points is not None and self.baseline_points < 2:
            raise ValidationError({"baseline_points": "A baseline needs at least 2 points"})
