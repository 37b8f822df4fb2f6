"""What a measure's chart showed at each quarter's end, stored for the national rollups."""

from django.db import models

from measurement.models.measure import Measure
from measurement.readings import VARIATION_CHOICES


class QuarterState(models.Model):
    """What a measure's chart showed at the end of each financial quarter (quarter 0: the year),
    read from its latest analysis; the national rollups count these."""

    # No index of its own: the unique (measure, year, quarter) index leads with measure.
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="quarter_states", db_index=False
    )
    financial_year = models.CharField(max_length=7)
    quarter = models.PositiveSmallIntegerField()
    variation = models.CharField(max_length=40, choices=VARIATION_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "financial_year", "quarter"], name="quarter_state_once"
            ),
        ]
        # The rollups count a year's special-cause readings by region: an index-only scan.
        indexes = [
            models.Index(
                fields=["financial_year", "variation", "quarter", "measure"],
                name="quarter_state_counts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.financial_year} Q{self.quarter}: {self.variation}"
