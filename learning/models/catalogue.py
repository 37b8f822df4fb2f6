"""The catalogue of changes: what collaboratives spread, with its evidence, owned by a programme
or a region, and linked to the projects' change ideas that test it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from learning.models.programmes import Programme
from projects.models import CareSetting, ChangeIdea, Topic
from regions.models import Region


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ChangeEntry(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField()
    evidence = models.TextField(blank=True, help_text="What shows it works, and where")
    topic = models.CharField(max_length=32, choices=Topic.choices)
    care_settings = models.ManyToManyField(CareSetting, blank=True, related_name="change_entries")
    # Exactly one owner: the programme or region that keeps the entry up to date.
    owner_programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_changes",
    )
    owner_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="owned_changes"
    )
    status = models.CharField(max_length=16, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    published_on = models.DateField(null=True, blank=True)
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
    history = HistoricalRecords(m2m_fields=[care_settings], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = "catalogue entry"
        verbose_name_plural = "catalogue entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_programme__isnull=False, owner_region__isnull=True)
                | Q(owner_programme__isnull=True, owner_region__isnull=False),
                name="change_entry_has_one_owner",
            ),
            models.CheckConstraint(
                condition=~Q(status=EntryStatus.PUBLISHED) | Q(published_on__isnull=False),
                name="change_entry_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["-updated_at"], name="change_entry_updated")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:change_detail", args=[self.slug])

    @property
    def owner(self):
        return self.owner_programme or self.owner_region


class ChangeResource(models.Model):
    entry = models.ForeignKey(ChangeEntry, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField("link", max_length=500)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class ChangeLink(models.Model):
    """A project's change idea "tests this change": one entry per idea."""

    change_idea = models.OneToOneField(
        ChangeIdea, on_delete=models.CASCADE, related_name="catalogue_link"
    )
    entry = models.ForeignKey(ChangeEntry, on_delete=models.PROTECT, related_name="links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["linked_at", "id"]

    def __str__(self) -> str:
        return f"{self.change_idea} tests {self.entry}"


class PackageItem(models.Model):
    """One change in a programme's change package."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="package_items")
    entry = models.ForeignKey(ChangeEntry, on_delete=models.PROTECT, related_name="package_items")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "entry"], name="package_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry} in {self.programme}'s package"
