"""The driver diagram: aim -> primary drivers -> secondary drivers -> change ideas.

The aim is the project's own. A change idea may serve several secondary drivers.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from projects.models.project import Project


class PrimaryDriver(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="primary_drivers")
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class SecondaryDriver(models.Model):
    primary_driver = models.ForeignKey(
        PrimaryDriver, on_delete=models.CASCADE, related_name="secondary_drivers"
    )
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ChangeIdea(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_ideas")
    text = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    secondary_drivers = models.ManyToManyField(
        SecondaryDriver, blank=True, related_name="change_ideas"
    )
    history = HistoricalRecords(m2m_fields=[secondary_drivers])

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text
