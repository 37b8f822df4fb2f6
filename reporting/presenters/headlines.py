"""The headline figures: sentences, big-number tiles and the breakdown tables."""

from core.wording import plural
from regions.models import TrainingType
from reporting.presenters.figures import ORGANISATION_LABELS, Values, shown
from reporting.presenters.filters import Filters, topic_label
from reporting.presenters.periods import period_end, period_label
from reporting.rollups.arithmetic import TRAINING_TYPES

# The order the programme reports training in; the rest follow.
TRAINING_ORDER = (
    "safety_culture",
    "safety_leadership",
    "measurement",
    "qi_capability",
    "human_factors",
    "other",
)
TRAINING_WORDS = {
    "safety_culture": "safety culture",
    "safety_leadership": "safety leadership",
    "measurement": "measurement",
    "qi_capability": "QI capability",
    "human_factors": "human factors",
    "other": "other subjects",
}


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _training_sentences(subject: str, values: Values, when: str) -> list[str]:
    sentence = f"{subject} trained {plural(values['people_trained'], 'person', 'people')} {when}"
    if values["patients_trained"]:
        patients = plural(values["patients_trained"], "patient or carer", "patients and carers")
        sentence += f", including {patients}"
    sentences = [sentence + "."]
    kinds = [
        (values[f"people_trained.{kind}"], TRAINING_WORDS[kind])
        for kind in TRAINING_ORDER
        if values[f"people_trained.{kind}"]
    ]
    if kinds:
        verb = "was" if kinds[0][0] == 1 else "were"
        parts = [
            f"{kinds[0][0]:,} {verb} trained in {kinds[0][1]}",
            *(f"{count:,} in {words}" for count, words in kinds[1:]),
        ]
        sentences.append(f"Of them, {_listed(parts)}.")
    return sentences


def _organisation_sentence(subject: str, values: Values, when: str) -> str:
    sentence = f"{subject} engaged {plural(values['organisations_engaged'], 'organisation')} {when}"
    groups = [
        plural(values["organisations_engaged.care_home"], "care home"),
        f"{values['organisations_engaged.primary_care']:,} in primary care",
        plural(values["organisations_engaged.provider"], "provider"),
    ]
    counts = [
        values[f"organisations_engaged.{g}"] for g in ("care_home", "primary_care", "provider")
    ]
    shown_groups = [text for text, count in zip(groups, counts, strict=True) if count]
    return sentence + (f", including {_listed(shown_groups)}." if shown_groups else ".")


def _project_sentences(subject: str, values: Values, when: str, end: str, topic: str) -> list:
    if topic:
        label = topic_label(topic).lower()
        noun = "other QI projects" if topic == "other" else f"QI projects on {label}"
        active = values["projects_active"]
        return [
            f"{subject} started {values['projects_started']:,} {noun} {when}.",
            f"At the end of {end}, {active:,} {noun} {'was' if active == 1 else 'were'} active"
            f"{_and_stalled(values)}.",
        ]
    return [
        f"{subject} started {plural(values['projects_started'], 'QI project')} {when} "
        f"and completed {values['projects_completed']:,}.",
        f"At the end of {end}, {plural(values['projects_active'], 'QI project')} "
        f"{'was' if values['projects_active'] == 1 else 'were'} active{_and_stalled(values)}.",
    ]


def _and_stalled(values: Values) -> str:
    """' and 3 stalled' (no data, PDSA cycle or edit for a while), or nothing when none."""
    stalled = values.get("projects_stalled") or 0
    return f" and {stalled:,} stalled" if stalled else ""


def headline_sentences(subject: str, values: Values, filters: Filters) -> list[str]:
    """'We trained 10,150 people in 2016/17, including 400 patients and carers.', ..."""
    when = f"in {period_label(filters.year, filters.quarter)}"
    end = period_end(filters.year, filters.quarter)
    champions = values["champions_recruited"]
    return [
        *_training_sentences(subject, values, when),
        f"{subject} recruited {champions:,} patient safety champions, Q fellows and QI experts "
        f"{when}.",
        _organisation_sentence(subject, values, when),
        *_project_sentences(subject, values, when, end, filters.topic),
        f"At the end of {end}, {plural(values['measures_improving'], 'measure')} showed "
        f"special cause improvement and {values['measures_concern']:,} special cause concern.",
    ]


def tiles(values: Values, filters: Filters) -> list[dict]:
    """The big numbers, each with what it counts."""
    on_topic = f" ({topic_label(filters.topic).lower()})" if filters.topic else ""
    end = period_end(filters.year, filters.quarter)
    items = [
        (values["people_trained"], "people trained"),
        (values["champions_recruited"], "champions, Q fellows and QI experts recruited"),
        (values["organisations_engaged"], "organisations engaged"),
        (values["projects_started"], f"QI projects started{on_topic}"),
        (values["projects_completed"], "QI projects completed"),
        (values["projects_active"], f"QI projects active at the end of {end}{on_topic}"),
        (values["projects_stalled"], f"QI projects stalled at the end of {end}{on_topic}"),
    ]
    return [{"value": f"{value:,}", "label": label} for value, label in items if value is not None]


def breakdown_rows(values: Values, prefix: str, labels: dict[str, str]) -> list[dict]:
    return [
        {"label": label, "value": shown(values[f"{prefix}.{key}"])} for key, label in labels.items()
    ]


def organisation_rows(values: Values) -> list[dict]:
    return breakdown_rows(values, "organisations_engaged", ORGANISATION_LABELS)


def training_rows(values: Values) -> list[dict]:
    labels = {kind: TrainingType(kind).label for kind in TRAINING_TYPES}
    return breakdown_rows(values, "people_trained", labels)


def patients_note(values: Values) -> str:
    return (
        f"The people trained include "
        f"{plural(values['patients_trained'], 'patient or carer', 'patients and carers')}."
    )
