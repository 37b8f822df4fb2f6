"""What a project learned, what it reports it achieved, and its story in the public archive.

A project's **learning** (summary, what worked, what did not, advice, how it is sustained, the
spread plan) and its **reported outcomes** (savings and other results the team gives, with how
they were estimated) are drafted by the team at any time. Its **story** is the public face of
both: the project lead submits it, a lead of its region (or a national admin) publishes it, with
the measures whose charts appear, or sends it back; a published story can be withdrawn. Every
step is a `StoryStep` (who, when, what was said). Only published stories are public.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from measurement.models import Measure
from projects.models import Project
from regions.models import Organisation


class ProjectLearning(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="learning")
    summary = models.TextField("summary of the work and its results", blank=True)
    what_worked = models.TextField("what worked", blank=True)
    what_did_not = models.TextField("what did not work", blank=True)
    advice = models.TextField("advice for a team starting the same work", blank=True)
    sustain = models.TextField("how the change is being sustained", blank=True)
    spread_plan = models.TextField("the plan to spread it", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    TEXT_FIELDS = ("summary", "what_worked", "what_did_not", "advice", "sustain", "spread_plan")

    def __str__(self) -> str:
        return f"What {self.project} learned"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.TEXT_FIELDS)


class OutcomeKind(models.TextChoices):
    SAVING = "saving", "Saving"
    OTHER = "other", "Other outcome"


class ReportedOutcome(models.Model):
    """A result the team reports (a saving, bed-days released, ...), shown as reported: never
    summed with the figures computed from charts without saying so."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reported_outcomes")
    kind = models.CharField(max_length=8, choices=OutcomeKind.choices, default=OutcomeKind.SAVING)
    description = models.CharField(
        max_length=300, help_text="What was achieved, for example “Staff time released”"
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(
        max_length=40, blank=True, default="£", help_text="£ for money, or days, bed-days, …"
    )
    period = models.CharField(
        max_length=120, blank=True, help_text="Over what time, for example “a year”"
    )
    cash_releasing = models.BooleanField(
        "cash-releasing", null=True, blank=True, help_text="Money that can be spent elsewhere"
    )
    estimation = models.TextField("how it was estimated", blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="Who estimated it, or where it was published"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="reported_outcome_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    RETURNED = "returned", "Sent back to the team"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Story(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="story")
    slug = models.SlugField(max_length=120, unique=True, help_text="Its address in the archive")
    status = models.CharField(max_length=16, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    # Chosen by whoever publishes: the charts the public sees.
    published_measures = models.ManyToManyField(
        Measure, blank=True, related_name="+", verbose_name="charts to publish"
    )
    contact = models.CharField(
        "how to get in touch",
        max_length=300,
        blank=True,
        help_text="A team or collaborative mailbox, never a person's own address unless they "
        "agreed. The region's website is shown when this is empty.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Title, aim, summary, learning and change ideas, put together on publishing; the archive's
    # search reads it (PostgreSQL full-text ranking, a word match on SQLite).
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[published_measures], excluded_fields=["updated_at", "search_text"]
    )

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at", "id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="story_status_published")]

    def __str__(self) -> str:
        return f"The story of {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("learning:archive_story", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == StoryStatus.PUBLISHED


class StoryAction(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Sent back"
    PUBLISHED = "published", "Published"
    CHARTS_CHANGED = "charts_changed", "Published charts changed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StoryStep(models.Model):
    """One step of a story's way to the archive: who, when, and what they said."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=16, choices=StoryAction.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%-d %B %Y}"


class StoryConsent(models.Model):
    """A team member agreed to be named on the public story (and may take it back)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="story_consent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} agreed to be named"


class StoryReuse(models.Model):
    """A project started from a story: its driver diagram copied, its change ideas linked to the
    catalogue, and an adoption planned for the starter's organisation."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reuses")
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="started_from")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.project} started from {self.story.project}"
