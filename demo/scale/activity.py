"""Regional activity over the dataset's years: training sessions, champions recruited,
organisations engaged and safety culture assessments. Pure: no Django."""

import random
from datetime import date, timedelta

from demo.scale.people import STREETS, People
from demo.scale.portfolio import at
from demo.scale.rows import Ids, Table

# Records per project, roughly the programme's proportions.
TRAINING_PER_PROJECT, CHAMPIONS_PER_PROJECT, CULTURE_PER_PROJECT = 0.5, 0.15, 0.05
ENGAGED_SHARE, ALSO_NEIGHBOUR_SHARE = 0.8, 0.02
TRAINING = [
    ("safety_culture", "Patient safety culture workshop", 0.3),
    ("safety_leadership", "Safety leadership programme", 0.1),
    ("measurement", "Measurement for improvement", 0.25),
    ("qi_capability", "QI capability", 0.2),
    ("human_factors", "Human factors and SBAR", 0.1),
    ("other", "Patient safety awareness session", 0.05),
]
QI_LEVELS = (["bronze"] * 6) + (["silver"] * 3) + ["gold"]
CHAMPIONS = ["patient_safety_champion", "patient_safety_champion", "q_fellow", "qi_expert"]


class ActivityBuilder:
    def __init__(self, rng: random.Random, people: People, regions, ids: Ids):
        self.rng, self.people, self.regions, self.ids = rng, people, regions, ids
        common = ("id", "region_id", "created_by_id", "updated_at")
        self.training = Table(
            "training",
            (
                *common,
                "date",
                "course",
                "training_type",
                "qi_level",
                "people_trained",
                "patients_trained",
                "organisation_id",
            ),
        )
        self.champions = Table("champions", (*common, "date", "kind", "count"))
        self.engagements = Table(
            "engagement", (*common, "organisation_id", "first_engaged", "route")
        )
        self.culture = Table("culture", (*common, "date", "team", "organisation_id", "tool"))

    @property
    def tables(self) -> list[Table]:
        return [self.training, self.champions, self.engagements, self.culture]

    def _where(self, first: date, as_of: date):
        """A region (by weight), a day in range, the lead entering it, and an organisation."""
        region_id = self.rng.choices(self.regions, self.people.region_weights)[0][0]
        day = first + timedelta(days=self.rng.randrange((as_of - first).days + 1))
        organisations = self.people.organisations_by_region[region_id]
        organisation = self.rng.choice(organisations) if organisations else None
        lead = self.rng.choice(self.people.leads_by_region[region_id])
        return region_id, day, lead, organisation

    def build(self, projects: int, first: date, as_of: date) -> None:
        rng = self.rng
        for _ in range(round(projects * TRAINING_PER_PROJECT)):
            region_id, day, lead, organisation = self._where(first, as_of)
            kind, course, _ = rng.choices(TRAINING, [share for *_, share in TRAINING])[0]
            level = rng.choice(QI_LEVELS) if kind == "qi_capability" else ""
            people = rng.randint(4, 60)
            patients = (
                people // 4 if kind in ("safety_culture", "other") and rng.random() < 0.3 else 0
            )
            self.training.add(
                self.ids.take("training"),
                region_id,
                lead,
                at(day, 17),
                day,
                f"{course}: {level} level" if level else course,
                kind,
                level,
                people,
                patients,
                organisation if rng.random() < 0.6 else None,
            )
        for _ in range(round(projects * CHAMPIONS_PER_PROJECT)):
            region_id, day, lead, _ = self._where(first, as_of)
            self.champions.add(
                self.ids.take("champions"),
                region_id,
                lead,
                at(day, 17),
                day,
                rng.choice(CHAMPIONS),
                rng.randint(1, 25),
            )
        for _ in range(round(projects * CULTURE_PER_PROJECT)):
            region_id, day, lead, organisation = self._where(first, as_of)
            self.culture.add(
                self.ids.take("culture"),
                region_id,
                lead,
                at(day, 17),
                day,
                f"{rng.choice(STREETS)} ward team",
                organisation,
                rng.choice(["score", "saq", "mapsaf", "other"]),
            )
        self._engagements(first, as_of)

    def _engagements(self, first: date, as_of: date) -> None:
        """Most organisations are engaged by their home region; a few by a neighbour as well,
        and those count once nationally."""
        rng, span = self.rng, (as_of - first).days + 1
        for index, (region_id, *_) in enumerate(self.regions):
            neighbour = self.regions[(index + 1) % len(self.regions)][0]
            for organisation in self.people.organisations_by_region[region_id]:
                if rng.random() >= ENGAGED_SHARE:
                    continue
                engaging = [region_id] + (
                    [neighbour] if rng.random() < ALSO_NEIGHBOUR_SHARE else []
                )
                for engaged_by in engaging:
                    day = first + timedelta(days=rng.randrange(span))
                    self.engagements.add(
                        self.ids.take("engagement"),
                        engaged_by,
                        rng.choice(self.people.leads_by_region[engaged_by]),
                        at(day, 17),
                        organisation,
                        day,
                        rng.choice(["project", "training", "network"]),
                    )
