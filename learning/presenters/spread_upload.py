"""The adoption upload page: the rules of the file, and the report of what happened."""

from core.wording import plural
from learning import adoption_csv
from learning.models import AdoptionSource, AdoptionStatus

RULES = [
    "organisation: the organisation's ODS code (like RHM or A81001)",
    "change: the slug of the change in the catalogue (its address after /changes/), or leave "
    "it empty and give package: the slug of a programme whose whole change package was adopted",
    "adopted_on: the date it began, like 2017-01-09 (only a planned adoption may be dated "
    "after today)",
    f"status: one of {', '.join(AdoptionStatus.values)}",
    f"source: one of {', '.join(AdoptionSource.values)} (empty means elsewhere); "
    "source_project: the project's id when the source is a project; source_programme: the "
    "programme's slug when it is a programme; source_note: a few words, optional",
    "An organisation's adoption of a change already recorded is updated, not repeated.",
]


def summary_sentence(summary, *, checked_only: bool) -> str:
    counts = (
        f"{plural(summary.created, 'new adoption')}, {summary.updated:,} updated and "
        f"{summary.unchanged:,} unchanged"
    )
    if checked_only:
        return f"The file has no problems. Nothing was saved: it would record {counts}."
    return f"The file was saved: {counts}."


def upload_context(form, summary, checked_only) -> dict:
    return {
        "form": form,
        "csv_header": adoption_csv.EXPECTED.header,
        "rules": RULES,
        "problems": summary.problems if summary else [],
        "checked_only": checked_only,
    }
