"""The national and regional figures, precomputed for the dashboards and the API to read.

Figures are a tall table: one row per (scope, financial year, quarter, metric), where scope is a
region's slug or "national" and quarter 0 is the whole year. Pending marks record, in the same
transaction as a change, which (region, year) must be recomputed; a run clears only the marks it
has read, so an update whose message was lost is picked up by the next run.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

NATIONAL = "national"


class RollupFigure(models.Model):
    scope = models.CharField(max_length=64)
    financial_year = models.CharField(max_length=7)
    quarter = models.PositiveSmallIntegerField(help_text="1 to 4, or 0 for the whole year.")
    metric = models.CharField(max_length=80)
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "financial_year", "quarter", "metric"], name="rollup_figure_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.financial_year} Q{self.quarter} {self.metric}={self.value:g}"


class FigureVersion(models.Model):
    """Bumped whenever a run changes any figure of one (scope, year), in the same transaction.
    The dashboards' fragments are keyed by the versions of the scopes and years they show, so a
    run that changes Wessex 2026/27 leaves every other region's pages cached."""

    scope = models.CharField(max_length=64)
    financial_year = models.CharField(max_length=7)
    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "financial_year"], name="figure_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.financial_year} v{self.version}"


class PendingRollup(models.Model):
    scope = models.CharField(max_length=64)
    financial_year = models.CharField(max_length=7)
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "financial_year"], name="pending_rollup_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.financial_year}"


class RollupRun(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", "Full rebuild"
        INCREMENTAL = "incremental", "Incremental"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    started_at = models.DateTimeField(auto_now_add=True)
    # Indexed: every dashboard page reads the latest finished run, and a run is recorded after
    # each change (hundreds a day).
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)
    scopes_done = models.PositiveIntegerField(default=0)
    scopes_total = models.PositiveIntegerField(default=0)
    # Touched as each year is stored (a year takes a second or so): a run unfinished and silent
    # for ROLLUP_RUN_SILENT_SECONDS died with its worker, and the next run may go.
    heartbeat_at = models.DateTimeField(default=timezone.now)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.started_at:%Y-%m-%d %H:%M}"


class BoardPack(models.Model):
    """A region's board pack for one financial quarter: requested on its page, drawn as a PDF by
    a worker, and kept here for download (the web and the workers share no disk, so the PDF's
    bytes are stored in the row). Progress is written as the worker goes, for the page to show.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    financial_year = models.CharField(max_length=7)
    quarter = models.PositiveSmallIntegerField(help_text="1 to 4.")
    # Chosen on the form; none chosen means the worker picks the projects with new signals or
    # stories published in the quarter.
    highlighted_projects = models.ManyToManyField("projects.Project", blank=True, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0 to 100.")
    step = models.CharField(max_length=200, blank=True, help_text="What the worker is doing.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["region", "-requested_at"], name="board_pack_region")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="board_pack_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="board_pack_progress"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.financial_year} Q{self.quarter} ({self.state})"
