"""Collaborative programmes: many teams (projects) learning together, with learning sessions,
the action periods between them, shared measures and a change package."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from measurement.models import StandardMeasure
from projects.models import Project, Topic
from regions.models import Region


class ProgrammeMethod(models.TextChoices):
    BREAKTHROUGH_SERIES = "breakthrough_series", "Breakthrough Series collaborative"
    COMMUNITY_OF_PRACTICE = "community_of_practice", "Community of practice"
    SCALE_UP_AND_SPREAD = "scale_up_and_spread", "Scale-up and spread"
    OTHER = "other", "Other"


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


class Programme(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Stable identifier used in URLs and the API."
    )
    summary = models.TextField(blank=True)
    # The structured aim, as a project's: what will improve, for whom, by how much, by when.
    aim_what = models.CharField("what will improve", max_length=300, blank=True)
    aim_for_whom = models.CharField("for whom", max_length=300, blank=True)
    aim_how_much = models.CharField("by how much", max_length=120, blank=True)
    aim_by_when = models.DateField("by when", null=True, blank=True)
    aim_text = models.TextField("aim in full", blank=True)
    topic = models.CharField(max_length=32, choices=Topic.choices)
    method = models.CharField(
        max_length=32, choices=ProgrammeMethod.choices, default=ProgrammeMethod.BREAKTHROUGH_SERIES
    )
    is_national = models.BooleanField(
        "national programme",
        default=False,
        help_text="Run nationally rather than led by particular regions.",
    )
    # Add from this side (programme.lead_regions.add): history records the change only then.
    lead_regions = models.ManyToManyField(Region, blank=True, related_name="led_programmes")
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_programmes",
        verbose_name="programme leads",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PLANNED
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
    history = HistoricalRecords(m2m_fields=[lead_regions, leads], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="programme_end_not_before_start",
            ),
        ]
        indexes = [models.Index(fields=["-updated_at"], name="programme_updated")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:programme_detail", args=[self.slug])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date"})


class ProgrammeMember(models.Model):
    """A team (project) in a programme, from the day it joined to the day it left."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="members")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="programme_memberships"
    )
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["joined_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "project"], name="programme_member_once"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="programme_member_left_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} in {self.programme}"

    def clean(self):
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError(
                {"left_on": "The date the team left must be on or after the date it joined"}
            )


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class LearningSession(models.Model):
    """A day (or days) when the programme's teams meet to learn from one another. The action
    periods are the gaps between sessions (learning.calendar derives them)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    mode = models.CharField(
        max_length=16, choices=SessionMode.choices, default=SessionMode.IN_PERSON
    )
    place = models.CharField(max_length=200, blank=True, help_text="Where, if in person")
    agenda = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return self.title


class SessionMaterial(models.Model):
    session = models.ForeignKey(LearningSession, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    url = models.URLField("link", max_length=500)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


FEEDBACK_SCORE_MAX = 10


class SessionAttendance(models.Model):
    """A team at a session, or a person, or a person for their team; with their feedback."""

    session = models.ForeignKey(
        LearningSession, on_delete=models.CASCADE, related_name="attendances"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="session_attendances",
    )
    feedback_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=f"How useful the session was, 0 to {FEEDBACK_SCORE_MAX}"
    )
    contributed = models.BooleanField("said they contributed to learning", null=True, blank=True)

    class Meta:
        ordering = ["session", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(user__isnull=False),
                name="attendance_names_team_or_person",
            ),
            models.CheckConstraint(
                condition=Q(feedback_score__isnull=True)
                | Q(feedback_score__lte=FEEDBACK_SCORE_MAX),
                name="attendance_feedback_in_range",
            ),
            models.UniqueConstraint(
                fields=["session", "project"],
                condition=Q(user__isnull=True),
                name="attendance_team_once",
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="attendance_person_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.project} at {self.session}"


class SharedMeasure(models.Model):
    """A national standard measure every team of the programme collects (or may). A team's own
    measure of it is the Measure of one of the programme's projects with `standard` set to it."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="shared_measures"
    )
    standard = models.ForeignKey(
        StandardMeasure, on_delete=models.PROTECT, related_name="programme_uses"
    )
    is_mandatory = models.BooleanField("every team collects it", default=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "standard"], name="shared_measure_once")
        ]

    def __str__(self) -> str:
        return f"{self.standard} in {self.programme}"
