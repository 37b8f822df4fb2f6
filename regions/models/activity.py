"""What a collaborative does besides projects: training, recruiting champions, engaging
organisations and assessing safety culture. Entered by regional leads; rolled up nationally."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from regions.models.core import Organisation, Region


class TrainingType(models.TextChoices):
    QI_CAPABILITY = "qi_capability", "QI capability"
    SAFETY_CULTURE = "safety_culture", "Safety culture / cultural awareness"
    SAFETY_LEADERSHIP = "safety_leadership", "Safety leadership"
    MEASUREMENT = "measurement", "Measurement for improvement"
    HUMAN_FACTORS = "human_factors", "Human factors / SBAR"
    OTHER = "other", "Other"


class QILevel(models.TextChoices):
    BRONZE = "bronze", "Bronze"
    SILVER = "silver", "Silver"
    GOLD = "gold", "Gold"


class ChampionKind(models.TextChoices):
    PATIENT_SAFETY_CHAMPION = "patient_safety_champion", "Patient safety champion"
    Q_FELLOW = "q_fellow", "Q fellow"
    QI_EXPERT = "qi_expert", "QI expert"


class EngagementRoute(models.TextChoices):
    PROJECT = "project", "Through a project"
    TRAINING = "training", "Through training"
    NETWORK = "network", "Through a network"


class CultureTool(models.TextChoices):
    SCORE = "score", "SCORE survey"
    SAQ = "saq", "Safety Attitudes Questionnaire"
    MAPSAF = "mapsaf", "Manchester Patient Safety Framework (MaPSaF)"
    OTHER = "other", "Other"


class ActivityRecord(models.Model):
    """Fields every activity record has: its region, its date, and who entered it."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TrainingRecord(ActivityRecord):
    date = models.DateField("date delivered")
    course = models.CharField("course or programme", max_length=200)
    training_type = models.CharField(max_length=24, choices=TrainingType.choices)
    qi_level = models.CharField(
        "QI capability level", max_length=8, choices=QILevel.choices, blank=True
    )
    people_trained = models.PositiveIntegerField(help_text="Everyone trained, patients included.")
    patients_trained = models.PositiveIntegerField("of whom patients or carers", default=0)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_records",
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["region", "date"], name="training_region_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(patients_trained__lte=F("people_trained")),
                name="training_patients_within_people",
            ),
            models.CheckConstraint(
                condition=Q(training_type=TrainingType.QI_CAPABILITY) | Q(qi_level=""),
                name="training_level_only_for_qi_capability",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.date}): {self.people_trained}"


class ChampionRecruitment(ActivityRecord):
    date = models.DateField("date recruited")
    kind = models.CharField(max_length=32, choices=ChampionKind.choices)
    count = models.PositiveIntegerField()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["region", "date"], name="champions_region_date")]
        constraints = [
            models.CheckConstraint(condition=Q(count__gt=0), name="champions_count_positive")
        ]

    def __str__(self) -> str:
        return f"{self.count} × {self.get_kind_display()} ({self.date})"


class OrganisationEngagement(ActivityRecord):
    """An organisation the region first engaged on a date; nationally each counts once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="engagements"
    )
    first_engaged = models.DateField("date first engaged")
    route = models.CharField("how", max_length=16, choices=EngagementRoute.choices)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-first_engaged", "id"]
        indexes = [models.Index(fields=["region", "first_engaged"], name="engagement_region_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "organisation"], name="engagement_once_per_region"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} from {self.first_engaged}"


class CultureAssessment(ActivityRecord):
    date = models.DateField("date assessed")
    team = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="culture_assessments",
    )
    tool = models.CharField(max_length=16, choices=CultureTool.choices)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["region", "date"], name="culture_region_date")]

    def __str__(self) -> str:
        return f"{self.team} ({self.date})"
