"""The four kinds of activity record, named as they appear in URLs and the API."""

from dataclasses import dataclass

from django.db import models

from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    TrainingRecord,
)


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[models.Model]
    date_field: str
    fields: tuple[str, ...]  # what a person enters, in the order forms and CSV files show it
    title: str  # the list page's heading
    noun: str  # one record, in a sentence: "Save {noun}"
    plural: str

    @property
    def a_noun(self) -> str:
        """'a training record', 'an organisation engagement'."""
        return f"{'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun}"

    def date_of(self, record) -> object:
        return getattr(record, self.date_field)


TRAINING = Kind(
    "training",
    TrainingRecord,
    "date",
    (
        "date",
        "course",
        "training_type",
        "qi_level",
        "people_trained",
        "patients_trained",
        "organisation",
    ),
    "Training delivered",
    "training record",
    "training records",
)
CHAMPIONS = Kind(
    "champions",
    ChampionRecruitment,
    "date",
    ("date", "kind", "count"),
    "Safety champions recruited",
    "champion recruitment",
    "champion recruitments",
)
ENGAGEMENT = Kind(
    "engagement",
    OrganisationEngagement,
    "first_engaged",
    ("organisation", "first_engaged", "route"),
    "Organisations engaged",
    "organisation engagement",
    "organisation engagements",
)
CULTURE = Kind(
    "culture",
    CultureAssessment,
    "date",
    ("team", "organisation", "date", "tool"),
    "Safety culture assessments",
    "safety culture assessment",
    "safety culture assessments",
)

KINDS: dict[str, Kind] = {kind.slug: kind for kind in (TRAINING, CHAMPIONS, ENGAGEMENT, CULTURE)}


def kind_named(slug: str) -> Kind:
    """The kind for a URL or API name; LookupError for anything else."""
    try:
        return KINDS[slug]
    except KeyError:
        raise LookupError(
            f"There is no kind of activity record called '{slug}'. "
            f"The kinds are {', '.join(KINDS)}."
        ) from None


def kind_of(record) -> Kind:
    return next(kind for kind in KINDS.values() if isinstance(record, kind.model))
