"""Plan-Do-Study-Act cycles: each tests one change idea; cycles follow one another in a ramp."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from projects.models.diagram import ChangeIdea
from projects.models.project import Project


class PDSAStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DOING = "doing", "Doing"
    STUDYING = "studying", "Studying"
    COMPLETE = "complete", "Complete"


class PDSADecision(models.TextChoices):
    ADOPT = "adopt", "Adopt"
    ADAPT = "adapt", "Adapt"
    ABANDON = "abandon", "Abandon"


class PDSACycle(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pdsa_cycles")
    # PROTECT: a change idea with cycles cannot be deleted and take its evidence with it.
    change_idea = models.ForeignKey(ChangeIdea, on_delete=models.PROTECT, related_name="cycles")
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
        help_text="The cycle this one builds on, making a ramp.",
    )
    title = models.CharField(max_length=200)
    objective = models.TextField()
    # Plan
    questions = models.TextField(blank=True)
    predictions = models.TextField(blank=True)
    plan = models.TextField("plan (who, what, when, where, data to collect)", blank=True)
    # Do
    what_happened = models.TextField("what happened", blank=True)
    # Study
    results = models.TextField("results compared with predictions", blank=True)
    # Act
    decision = models.CharField(max_length=16, choices=PDSADecision.choices, blank=True)
    next_steps = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=PDSAStatus.choices, default=PDSAStatus.PLANNED)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_pdsa_cycles",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = "PDSA cycle"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="pdsa_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=PDSAStatus.COMPLETE) | ~Q(decision=""),
                name="pdsa_complete_has_decision",
            ),
        ]
        indexes = [models.Index(fields=["change_idea", "-start_date"], name="pdsa_idea_latest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:pdsa_detail", args=[self.project_id, self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date must be on or after the start date"
        if self.status == PDSAStatus.COMPLETE and not self.decision:
            errors["decision"] = "Choose adopt, adapt or abandon to complete the cycle"
        if self.change_idea_id and self.change_idea.project_id != self.project_id:
            errors["change_idea"] = "Choose a change idea from this project's driver diagram"
        if self.follows_id and self.follows.project_id != self.project_id:
            errors["follows"] = "A cycle can only follow a cycle of the same project"
        if errors:
            raise ValidationError(errors)
