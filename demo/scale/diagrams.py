"""Driver diagrams (aim -> primary -> secondary drivers -> change ideas) and PDSA ramps testing
the first few change ideas. Pure: no Django."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from demo.scale.portfolio import ProjectInfo, at
from demo.scale.rows import Ids, Table

PRIMARY = [
    "Reliable processes",
    "Skilled, engaged teams",
    "Patients and carers as partners",
    "Timely recognition and response",
    "Learning from data",
]
SECONDARY = [
    "Standard work",
    "Checklists used every time",
    "Training and coaching",
    "Clear roles at handover",
    "Information for patients",
    "Escalation pathway",
    "Weekly feedback of data",
    "Equipment to hand",
]
IDEAS = [
    "Daily safety huddle",
    "Visual prompt at the bedside",
    "Audit and feedback each week",
    "Patient and carer leaflet",
    "Safety cross on the ward board",
    "Screening tool in the EPR",
    "Pharmacist on the ward round",
    "Simulation training",
    "Sticker on the drug chart",
    "Discharge checklist",
]
CYCLE_COLUMNS = (
    "id",
    "project_id",
    "change_idea_id",
    "follows_id",
    "title",
    "objective",
    "questions",
    "predictions",
    "plan",
    "what_happened",
    "results",
    "decision",
    "next_steps",
    "status",
    "start_date",
    "end_date",
    "owner_id",
    "created_at",
    "updated_at",
)
DECISIONS = ["adopt", "adapt", "adapt", "abandon"]


@dataclass(frozen=True)
class Diagram:
    primaries: tuple[int, ...]
    secondaries: tuple[int, ...]
    ideas: tuple[int, ...]


class DiagramBuilder:
    def __init__(self, rng: random.Random, ids: Ids):
        self.rng, self.ids = rng, ids
        self.primaries = Table("primary_driver", ("id", "project_id", "text", "position"))
        self.secondaries = Table(
            "secondary_driver", ("id", "primary_driver_id", "text", "position")
        )
        self.ideas = Table("change_idea", ("id", "project_id", "text", "description", "position"))
        self.links = Table("idea_links", ("id", "changeidea_id", "secondarydriver_id"))
        self.cycles = Table("pdsa_cycle", CYCLE_COLUMNS)

    @property
    def tables(self) -> list[Table]:
        return [self.primaries, self.secondaries, self.ideas, self.links, self.cycles]

    def diagram(self, project: ProjectInfo, as_of: date) -> Diagram:
        rng, ids = self.rng, self.ids
        primaries, secondaries = [], []
        for position, text in enumerate(rng.sample(PRIMARY, rng.randint(2, 3))):
            primary = ids.take("primary_driver")
            self.primaries.add(primary, project.id, text, position)
            primaries.append(primary)
            for n, child in enumerate(rng.sample(SECONDARY, rng.randint(1, 3))):
                secondary = ids.take("secondary_driver")
                self.secondaries.add(secondary, primary, child, n)
                secondaries.append(secondary)
        ideas = []
        for position, text in enumerate(rng.sample(IDEAS, rng.randint(3, 6))):
            idea = ids.take("change_idea")
            self.ideas.add(
                idea, project.id, text, f"{text} for {project.topic_label.lower()}.", position
            )
            for secondary in sorted(
                rng.sample(secondaries, min(len(secondaries), 1 + (position == 0)))
            ):
                self.links.add(ids.take("idea_links"), idea, secondary)
            ideas.append((idea, text))
        if project.status != "planned":
            for idea, text in ideas[: rng.randint(1, 3)]:
                self._ramp(project, idea, text, as_of)
        return Diagram(tuple(primaries), tuple(secondaries), tuple(i for i, _ in ideas))

    def _ramp(self, project: ProjectInfo, idea: int, text: str, as_of: date) -> None:
        """One to three cycles, each following the last; the latest may still be under way."""
        rng = self.rng
        start, follows = project.start + timedelta(days=rng.randrange(7, 60)), None
        for n in range(rng.randint(1, 3)):
            if start > as_of:
                return
            end = start + timedelta(days=rng.randrange(7, 28))
            done = end <= as_of
            decision = rng.choice(DECISIONS) if done else ""
            cycle = self.ids.take("pdsa_cycle")
            self.cycles.add(
                cycle,
                project.id,
                idea,
                follows,
                f"{text}: test {n + 1}",
                f"Test “{text}” on {rng.choice(['one ward', 'two wards', 'one shift'])}.",
                "Will staff use it?",
                "Most shifts will.",
                "Nurse in charge, daily",
                "",
                "See the run chart." if done else "",
                decision,
                "Spread to the next ward." if decision == "adopt" else "",
                "complete" if done else "doing",
                start,
                end if done else None,
                rng.choice(project.team),
                at(start),
                at(min(end, as_of), 16),
            )
            start, follows = end + timedelta(days=rng.randrange(1, 14)), cycle
            if decision == "abandon":
                return
