"""The CSV upload page: what the file must hold, and the problems found in one."""

from django.urls import reverse

from measurement import csv_import
from measurement.entry_rules import whole_fields
from measurement.models import DataType, Measure
from measurement.presenters.entry.grid import grid_href
from measurement.presenters.entry.wording import NOUNS


def upload_context(measure: Measure, form, report: list) -> dict:
    noun = NOUNS[measure.frequency]
    starts = "the Monday the week starts" if noun == "week" else "the 1st of the month"
    rules = [
        f"the period as a date like 2025-01-06 ({starts}), not in the future",
        "numbers only, none below zero"
        + (
            ", and the numerator no more than the denominator"
            if measure.data_type == DataType.PROPORTION
            else ""
        ),
        *whole_numbers_rule(measure),
        "no number above 1,000,000,000,000",
        "up to 2 MB and 10,000 rows, saved as CSV UTF-8",
    ]
    return {
        "measure": measure,
        "project": measure.project,
        "form": form,
        "report": report,
        "csv_header": csv_import.header_for(measure.data_type),
        "noun": noun,
        "rules": rules,
        "template_href": reverse("measurement:csv_template", args=[measure.pk]),
        "grid_href": grid_href(measure.project_id, measure.frequency),
    }


def whole_numbers_rule(measure: Measure) -> list[str]:
    """'whole numbers in the numerator and denominator columns', or nothing when the measure
    allows decimals."""
    fields = whole_fields(measure.data_type, measure.allow_decimals)
    if not fields:
        return []
    columns = "column" if len(fields) == 1 else "columns"
    return [
        f"whole numbers in the {' and '.join(fields)} {columns} (people and events count whole)"
    ]
