"""The rollup arithmetic that needs no database: grouping, and the nested figures document.

Pure: no Django imports (a repository test checks), tested as plain functions.
"""

PROVIDER_TYPES = frozenset(
    {"acute_trust", "mental_health_trust", "community_trust", "ambulance_trust"}
)
TRAINING_TYPES = (
    "qi_capability",
    "safety_culture",
    "safety_leadership",
    "measurement",
    "human_factors",
    "other",
)
CHAMPION_KINDS = ("patient_safety_champion", "q_fellow", "qi_expert")
ORGANISATION_GROUPS = ("care_home", "primary_care", "provider", "other")


# What was done in a period (not what stood at its end): a year with any of these is a year with
# records, which the dashboards open on and their trends span.
RECORD_METRICS = (
    "projects_started",
    "projects_completed",
    "staff_trained.total",
    "champions_recruited.total",
    "organisations_engaged.total",
    "culture_assessments",
    "changes_published",
    "organisations_adopting.total",
    "stories_published",
    "projects_from_stories",
)


def organisation_group(organisation_type: str) -> str:
    """The programme reports organisations as care homes, primary care, providers (NHS trusts
    providing care) and others."""
    if organisation_type in ("care_home", "primary_care"):
        return organisation_type
    return "provider" if organisation_type in PROVIDER_TYPES else "other"


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _group(flat: dict[str, float], prefix: str, keys) -> dict:
    group = {key: _whole(flat.get(f"{prefix}.{key}", 0)) for key in keys}
    return {"total": _whole(flat.get(f"{prefix}.total", 0)), **group}


def _breakdown(flat: dict[str, float], prefix: str) -> dict:
    return {
        metric[len(prefix) + 1 :]: _whole(value)
        for metric, value in sorted(flat.items())
        if metric.startswith(prefix + ".")
    }


def figures_document(flat: dict[str, float]) -> dict:
    """The nested figures of one scope and period, from its flat metrics (absent means 0)."""
    return {
        "projects_started": _whole(flat.get("projects_started", 0)),
        "projects_completed": _whole(flat.get("projects_completed", 0)),
        "projects_active": _whole(flat.get("projects_active", 0)),
        "projects_stalled": _whole(flat.get("projects_stalled", 0)),
        "projects_started_by_topic": _breakdown(flat, "projects_started.topic"),
        "projects_active_by_topic": _breakdown(flat, "projects_active.topic"),
        "projects_stalled_by_topic": _breakdown(flat, "projects_stalled.topic"),
        "projects_started_by_setting": _breakdown(flat, "projects_started.setting"),
        "staff_trained": _group(flat, "staff_trained", TRAINING_TYPES),
        "qi_capability_by_level": _breakdown(flat, "staff_trained.qi_capability"),
        "patients_trained": _whole(flat.get("patients_trained", 0)),
        "champions_recruited": _group(flat, "champions_recruited", CHAMPION_KINDS),
        "organisations_engaged": _group(flat, "organisations_engaged", ORGANISATION_GROUPS),
        "culture_assessments": _whole(flat.get("culture_assessments", 0)),
        "measures_improving": _whole(flat.get("measures_improving", 0)),
        "measures_concern": _whole(flat.get("measures_concern", 0)),
        "harm_avoided_estimate": flat.get("harm_avoided"),
        **spread_document(flat),
        **stories_document(flat),
    }


# The spread of what works (the learning system): which figures there are, by metric name.
# "organisations_adopting" counts the organisations that began adopting a change in the period
# (an adoption testing, implemented or sustained, by its adopted_on), each organisation once
# however many changes it adopted; "..._at_end" those adopting anything at the period's end.
SPREAD_COUNTS = ("changes_published", "changes_in_catalogue", "programmes_active", "member_teams")
SPREAD_ORGANISATIONS = ("organisations_adopting", "organisations_adopting_at_end")


def programme_scopes(is_national: bool, lead_regions, national: str) -> tuple[str, ...]:
    """Where a programme (or an entry it owns) counts: a national programme in England's figures
    only; any other in each of its lead regions and, once, in England's."""
    if is_national:
        return (national,)
    return (*sorted(set(lead_regions)), national)


def overlaps(first, last, starts, ends) -> bool:
    """Whether something running from `starts` to `ends` (None: still running) falls in the
    period from `first` to `last`: a programme active, a team a member, in the period."""
    return starts <= last and (ends is None or ends >= first)


def spread_document(flat: dict[str, float]) -> dict:
    """The spread figures of one scope and period, from its flat metrics (absent means 0)."""
    document: dict = {name: _whole(flat.get(name, 0)) for name in SPREAD_COUNTS}
    for name in SPREAD_ORGANISATIONS:
        document[name] = {
            "total": _whole(flat.get(f"{name}.total", 0)),
            "by_type": _breakdown(flat, f"{name}.type"),
        }
    return document


# Stories in the public archive and the projects started from them (reporting/rollups/stories.py):
# "stories_published" counts stories first published in the period and published now,
# "stories_in_archive" those first published by its end and published now, and
# "projects_from_stories" the projects started from a story in the period.
STORY_COUNTS = ("stories_published", "stories_in_archive", "projects_from_stories")


def stories_document(flat: dict[str, float]) -> dict:
    """The story figures of one scope and period, from its flat metrics (absent means 0)."""
    return {name: _whole(flat.get(name, 0)) for name in STORY_COUNTS}
