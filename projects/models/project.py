"""A QI project: what it aims to improve, where, who runs it, and how far it has got."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.fiscal import financial_quarter, financial_year
from regions.models import Organisation, Region


class Topic(models.TextChoices):
    SEPSIS = "sepsis", "Sepsis"
    ACUTE_KIDNEY_INJURY = "acute_kidney_injury", "Acute kidney injury"
    DETERIORATION = "deterioration", "Deterioration"
    FALLS = "falls", "Falls"
    PRESSURE_ULCERS = "pressure_ulcers", "Pressure ulcers"
    MEDICINES_SAFETY = "medicines_safety", "Medicines safety"
    MATERNITY_NEONATAL = "maternity_neonatal", "Maternity and neonatal"
    MENTAL_HEALTH = "mental_health", "Mental health"
    TRANSFERS_OF_CARE = "transfers_of_care", "Transfers of care"
    SAFETY_CULTURE = "safety_culture", "Safety culture"
    LEADERSHIP = "leadership", "Leadership"
    HYDRATION_NUTRITION = "hydration_nutrition", "Hydration and nutrition"
    NEVER_EVENTS = "never_events", "Never events"
    EMERGENCY_DEPARTMENT = "emergency_department", "Emergency department"
    SURGERY = "surgery", "Surgery"
    FRAILTY = "frailty", "Frailty"
    OTHER = "other", "Other"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    # Set by the daily sweep (projects/services/stalled.py) when an active project has had no
    # data, PDSA cycle or edit for PROJECT_STALLED_AFTER_DAYS; its region's leads close it or
    # mark it active again.
    STALLED = "stalled", "Stalled"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class CareSetting(models.Model):
    """Where care happens (acute hospital, care home, ...). Rows come from a migration."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


PROGRESS_SCORE_MIN, PROGRESS_SCORE_MAX = Decimal("0.5"), Decimal("5.0")


def validate_progress_score(score: Decimal) -> None:
    """The IHI scale runs from 0.5 to 5.0 in steps of 0.5."""
    if not (PROGRESS_SCORE_MIN <= score <= PROGRESS_SCORE_MAX) or (score * 2) % 1:
        raise ValidationError(
            "Enter a progress score from 0.5 to 5.0 in steps of 0.5, like 2.5",
            code="progress_score_range",
        )


class Project(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    lead_region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="led_projects")
    participating_regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="participating_projects",
        help_text="Other collaboratives running the project with the lead region.",
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="projects")
    topic = models.CharField(max_length=32, choices=Topic.choices)
    care_settings = models.ManyToManyField(CareSetting, blank=True, related_name="projects")
    status = models.CharField(
        max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    status_since = models.DateField("status since")
    start_date = models.DateField()
    expected_end_date = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    last_activity_on = models.DateField(
        "last activity",
        null=True,
        blank=True,
        editable=False,
        help_text="The day of the latest data entry or PDSA cycle change through the services "
        "(an edit is the project's own last save): the stalled sweep reads both.",
    )
    progress_score = models.DecimalField(
        "IHI progress score",
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[validate_progress_score],
    )
    # The structured aim: what will improve, for whom, by how much, by when.
    aim_what = models.CharField("what will improve", max_length=300, blank=True)
    aim_for_whom = models.CharField("for whom", max_length=300, blank=True)
    aim_how_much = models.CharField("by how much", max_length=120, blank=True)
    aim_by_when = models.DateField("by when", null=True, blank=True)
    aim_text = models.TextField("aim in full", blank=True)
    # Derived from the dates on save; the national rollups count by these.
    start_financial_year = models.CharField(max_length=7, editable=False)
    start_quarter = models.PositiveSmallIntegerField(editable=False)
    completion_financial_year = models.CharField(max_length=7, blank=True, editable=False)
    completion_quarter = models.PositiveSmallIntegerField(null=True, editable=False)
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
        m2m_fields=[participating_regions, organisations, care_settings],
        excluded_fields=[
            "start_financial_year",
            "start_quarter",
            "completion_financial_year",
            "completion_quarter",
            "updated_at",
            "last_activity_on",
        ],
    )

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_end_date__isnull=True)
                | Q(expected_end_date__gte=F("start_date")),
                name="project_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(progress_score__isnull=True)
                | Q(progress_score__gte=PROGRESS_SCORE_MIN, progress_score__lte=PROGRESS_SCORE_MAX),
                name="project_progress_score_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProjectStatus.COMPLETED) | Q(completed_on__isnull=False),
                name="project_completed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["lead_region", "status"], name="project_region_status"),
            models.Index(fields=["start_financial_year"], name="project_start_fy"),
            models.Index(fields=["-updated_at"], name="project_updated"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.derive_financial_periods()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def derive_financial_periods(self) -> None:
        """Sets the NHS financial year and quarter of start and completion (bulk_create callers
        must call this themselves, as save() is skipped)."""
        self.start_financial_year = financial_year(self.start_date)
        self.start_quarter = financial_quarter(self.start_date)
        if self.completed_on:
            self.completion_financial_year = financial_year(self.completed_on)
            self.completion_quarter = financial_quarter(self.completed_on)
        else:
            self.completion_financial_year, self.completion_quarter = "", None

    def clean(self):
        errors = {}
        if self.start_date and self.expected_end_date and self.expected_end_date < self.start_date:
            errors["expected_end_date"] = "The expected end date must be on or after the start date"
        if self.status == ProjectStatus.COMPLETED and not self.completed_on:
            errors["completed_on"] = "Enter the date the project was completed"
        if self.start_date and self.completed_on and self.completed_on < self.start_date:
            errors["completed_on"] = "The completion date must be on or after the start date"
        if errors:
            raise ValidationError(errors)


class StatusChange(models.Model):
    """When each status began: the project's timeline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=16, choices=ProjectStatus.choices)
    began_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["began_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.began_on:%-d %B %Y}"


class ProgressScore(models.Model):
    """The IHI progress score over time (0.5 intent to participate ... 5.0 outstanding
    sustainable results)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_scores")
    score = models.DecimalField(
        max_digits=2, decimal_places=1, validators=[validate_progress_score]
    )
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["recorded_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=PROGRESS_SCORE_MIN, score__lte=PROGRESS_SCORE_MAX),
                name="progress_score_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.score} on {self.recorded_on:%-d %B %Y}"


class ProjectRole(models.TextChoices):
    LEAD = "lead", "Project lead"
    MEMBER = "member", "Team member"


class ProjectMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(max_length=16, choices=ProjectRole.choices, default=ProjectRole.MEMBER)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="project_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
