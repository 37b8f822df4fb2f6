"""Spread: which organisations adopted a change (or a programme's whole package), when, how far
they have got, and where it came from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from learning.models.catalogue import ChangeEntry
from learning.models.programmes import Programme
from projects.models import Project
from regions.models import Organisation


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    TESTING = "testing", "Testing"
    IMPLEMENTED = "implemented", "Implemented"
    SUSTAINED = "sustained", "Sustained"
    ABANDONED = "abandoned", "Abandoned"


# An organisation counts as adopting from `adopted_on` while its adoption is in one of these:
# a plan is not yet adoption, and an abandoned change has stopped spreading there.
ADOPTING_STATUSES = (AdoptionStatus.TESTING, AdoptionStatus.IMPLEMENTED, AdoptionStatus.SUSTAINED)


class AdoptionSource(models.TextChoices):
    PROJECT = "project", "A project"
    PROGRAMME = "programme", "A programme"
    ELSEWHERE = "elsewhere", "Elsewhere"


class Adoption(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="adoptions"
    )
    # Exactly one of: a catalogue entry, or a programme's whole change package.
    entry = models.ForeignKey(
        ChangeEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="adoptions"
    )
    package_of = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="package_adoptions",
        verbose_name="the change package of",
    )
    adopted_on = models.DateField(help_text="The day the organisation began using the change")
    status = models.CharField(
        max_length=16, choices=AdoptionStatus.choices, default=AdoptionStatus.TESTING
    )
    source = models.CharField(
        max_length=16, choices=AdoptionSource.choices, default=AdoptionSource.ELSEWHERE
    )
    source_project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_note = models.CharField("where it came from", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["adopted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry__isnull=False, package_of__isnull=True)
                | Q(entry__isnull=True, package_of__isnull=False),
                name="adoption_of_entry_or_package",
            ),
            models.UniqueConstraint(
                fields=["organisation", "entry"],
                condition=Q(entry__isnull=False),
                name="adoption_of_entry_once",
            ),
            models.UniqueConstraint(
                fields=["organisation", "package_of"],
                condition=Q(package_of__isnull=False),
                name="adoption_of_package_once",
            ),
            models.CheckConstraint(
                condition=~Q(source=AdoptionSource.PROJECT) | Q(source_project__isnull=False),
                name="adoption_from_project_names_it",
            ),
            models.CheckConstraint(
                condition=~Q(source=AdoptionSource.PROGRAMME) | Q(source_programme__isnull=False),
                name="adoption_from_programme_names_it",
            ),
        ]
        indexes = [
            models.Index(fields=["entry", "adopted_on"], name="adoption_entry_date"),
            models.Index(fields=["package_of", "adopted_on"], name="adoption_package_date"),
            models.Index(fields=["-updated_at"], name="adoption_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} adopted {self.entry or self.package_of}"

    @property
    def adopts(self):
        """The entry, or the programme whose package is adopted."""
        return self.entry or self.package_of
