"""The Making Data Count summary's row: one measure as a board reads it. Plain data (no Django),
so the matrix and the files can be built and tested without a database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SummaryRow:
    measure_id: int
    measure_name: str
    measure_href: str
    project_id: int
    project_title: str
    project_href: str
    region_name: str  # the project's lead region
    region_slug: str
    topic: str
    topic_label: str
    unit: str
    latest_value: float | None  # in display units (a proportion's 0.9 as 90 when shown in %)
    latest_value_text: str  # "90%", "" with no data yet
    latest_period: date | None  # the latest period (or event date) with a value
    latest_period_text: str  # "2 December 2026", "" with no data yet
    target: float | None  # in display units too
    target_text: str  # "85%", "None"
    variation: str  # the stored code: "special_cause_concern", "" for not enough data
    variation_words: str  # "Special cause concern"
    assurance: str  # "consistent_fail", "" where the target was not assessed
    assurance_words: str  # "Consistently misses the target", "Not assessed"
    improvement: str  # "increase", "decrease" or "neither": which way the icon's arrow reads
    concern: bool  # special cause concern, or the target consistently missed
