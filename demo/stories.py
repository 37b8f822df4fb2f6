"""Projects modelled on the Patient Safety Collaboratives' published work, each with a driver
diagram, PDSA cycles and a frontline team member who can sign in."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from demo.people import seed_user
from demo.timeline import change_monday
from projects.models import (
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectMember,
    ProjectRole,
    SecondaryDriver,
)
from regions.models import Organisation, Region


@dataclass
class Story:
    slug: str  # also the frontline user's name: frontline.<slug>
    title: str
    lead: str
    topic: str
    start: date
    aim: tuple[str, str, str, date]  # what, for whom, how much, by when
    summary: str
    diagram: dict[str, dict[str, list[str]]]  # primary -> secondary -> change ideas
    participating: tuple[str, ...] = ()
    status: str = "active"
    completed: date | None = None
    score: str = "3.0"
    settings: tuple[str, ...] = ("acute-hospital",)
    decisions: list[str] = field(default_factory=lambda: ["adapt", "adopt"])


STORIES = [
    Story(
        "laparotomy",
        "Emergency laparotomy collaborative",
        "kent-surrey-sussex",
        "surgery",
        date(2016, 4, 4),
        (
            "mortality after emergency laparotomy",
            "adults in 28 hospitals",
            "25%",
            date(2018, 3, 31),
        ),
        "Three collaboratives and 28 hospitals implementing a care bundle for emergency "
        "laparotomy.",
        {
            "Timely assessment": {
                "Early warning scores and sepsis screening": [
                    "Sepsis screening on arrival",
                    "Lactate within one hour",
                ],
                "Rapid senior review": ["Consultant review within 12 hours"],
            },
            "Reliable peri-operative care": {
                "Goal-directed fluid therapy": ["Cardiac output monitoring in theatre"],
                "Post-operative critical care": ["Admit high-risk patients to critical care"],
            },
        },
        participating=("wessex", "west-of-england"),
        score="4.0",
    ),
    Story(
        "swabs",
        "Retained swabs in maternity",
        "oxford",
        "never_events",
        date(2016, 5, 2),
        ("retained vaginal swabs", "women giving birth", "zero never events", date(2017, 9, 30)),
        "Swab counts, verbal and written handover, and a swab bag system in labour wards.",
        {
            "Reliable swab counting": {
                "Standard count procedure": [
                    "Two-person count at every stage",
                    "Swab bags with numbered pockets",
                ],
            },
            "Clear handover": {
                "Verbal handover of swabs": ["Swab count in the handover script"],
                "Written record": ["Swab count box on the birth record"],
            },
        },
        settings=("maternity",),
        # Closed once the units had gone more than 600 days without a retained swab.
        status="completed",
        completed=date(2018, 7, 31),
        score="4.5",
        decisions=["adapt", "adopt", "adopt"],
    ),
    Story(
        "aki",
        "Acute kidney injury on surgical wards",
        "north-east-north-cumbria",
        "acute_kidney_injury",
        date(2016, 6, 6),
        ("AKI incidence", "surgical inpatients", "30%", date(2017, 12, 31)),
        "Fluid balance, medicines review and early detection of AKI on surgical wards.",
        {
            "Early detection": {
                "Creatinine monitoring": ["Daily U&E for at-risk patients"],
                "AKI alerts acted on": ["Electronic AKI alert with care bundle"],
            },
            "Prevention": {
                "Fluid balance": ["Fluid balance charts reviewed each shift"],
                "Nephrotoxic medicines": ["Sick day rules and medicines review"],
            },
        },
        score="4.0",
    ),
    Story(
        "hydration",
        "Hydration in care homes",
        "oxford",
        "hydration_nutrition",
        date(2016, 7, 4),
        (
            "urinary infections needing antibiotics",
            "care home residents",
            "one every 30 days",
            date(2017, 12, 31),
        ),
        "Drinks rounds and hydration champions in care homes to prevent urinary infections.",
        {
            "Residents drink enough": {
                "Drinks offered often": [
                    "Seven structured drinks rounds a day",
                    "Coloured cups for residents at risk",
                ],
            },
            "Staff know the risk": {
                "Hydration champions": ["A hydration champion on every shift"],
            },
        },
        settings=("care-home",),
        score="4.0",
    ),
    Story(
        "huddles",
        "Safety huddles and falls",
        "yorkshire-humber",
        "falls",
        date(2016, 4, 18),
        ("inpatient falls", "older people on medical wards", "20%", date(2017, 9, 30)),
        "Daily safety huddles on wards to share risks and reduce falls with harm.",
        {
            "Shared awareness of risk": {
                "Daily safety huddle": ["Ten-minute huddle at shift change"],
                "Falls risk visible": ["Falls risk symbol at the bedside"],
            },
            "Reliable prevention": {
                "Lying and standing blood pressure": ["L&S BP on admission"],
                "Bay nursing": ["Cohort high-risk patients in a bay"],
            },
        },
        settings=("acute-hospital", "community"),
    ),
    Story(
        "paperweight",
        "PaperWeight malnutrition armband",
        "greater-manchester",
        "hydration_nutrition",
        date(2016, 9, 5),
        ("malnutrition identified and treated", "older people at home", "50%", date(2018, 3, 31)),
        "A paper armband that measures upper arm circumference to spot malnutrition early.",
        {
            "Early identification": {
                "Simple screening": ["PaperWeight armband at first visit"],
            },
            "Action on risk": {
                "Nutrition advice": ["Food first leaflet for carers"],
            },
        },
        settings=("community", "patients-home"),
        score="3.5",
    ),
    Story(
        "transfers",
        "Defect-free medicines care on transfer",
        "greater-manchester",
        "transfers_of_care",
        date(2016, 10, 3),
        (
            "defect-free medicines transfer",
            "patients discharged from hospital",
            "to 60%",
            date(2018, 3, 31),
        ),
        "Reliable medicines reconciliation and communication when patients move between settings.",
        {
            "Accurate medicines list": {
                "Reconciliation on admission": ["Pharmacy reconciliation within 24 hours"],
            },
            "Information follows the patient": {
                "Discharge information": ["Electronic referral to community pharmacy"],
            },
        },
        settings=("acute-hospital", "primary-care"),
        score="3.0",
    ),
    Story(
        "edchecklist",
        "Emergency department safety checklist",
        "west-of-england",
        "emergency_department",
        date(2016, 4, 11),
        (
            "timely care in the emergency department",
            "adults arriving at ED",
            "to 85%",
            date(2017, 3, 31),
        ),
        "A time-based checklist: NEWS within an hour, pain scores, ECG within ten minutes.",
        {
            "Timely observations": {
                "NEWS on arrival": ["NEWS in the first hour on the checklist"],
                "Pain assessed": ["Pain score at triage"],
            },
            "Time-critical tests": {
                "Chest pain pathway": ["ECG within ten minutes of arrival"],
            },
        },
        status="completed",
        completed=date(2017, 3, 17),
        score="4.5",
        decisions=["adapt", "adopt", "adopt"],
    ),
    Story(
        "warfarin",
        "Genotype-guided warfarin dosing",
        "innovation-agency-nwc",
        "medicines_safety",
        date(2016, 11, 7),
        ("time in therapeutic range", "patients starting warfarin", "10 points", date(2018, 3, 31)),
        "Point-of-care genotyping to guide the first warfarin doses.",
        {
            "Right first dose": {
                "Genotype known before dosing": ["Point-of-care genotype test in clinic"],
            },
            "Safe monitoring": {
                "INR checks": ["INR on day 5 and day 8"],
            },
        },
        settings=("acute-hospital", "primary-care"),
        score="2.5",
        decisions=["adapt"],
    ),
]


def _diagram(project: Project, story: Story) -> list[ChangeIdea]:
    ideas = []
    for p_index, (primary_text, secondaries) in enumerate(story.diagram.items()):
        primary = PrimaryDriver.objects.create(project=project, text=primary_text, position=p_index)
        for s_index, (secondary_text, idea_texts) in enumerate(secondaries.items()):
            secondary = SecondaryDriver.objects.create(
                primary_driver=primary, text=secondary_text, position=s_index
            )
            for idea_text in idea_texts:
                idea = ChangeIdea.objects.create(
                    project=project, text=idea_text, position=len(ideas)
                )
                idea.secondary_drivers.add(secondary)
                ideas.append(idea)
    return ideas


def _ramp(project: Project, idea: ChangeIdea, story: Story, owner, stagger: int) -> None:
    """The idea's PDSA cycles, three weeks apart, tested just before the change was adopted:
    the last ends in the fortnight before the week the measures change (`stagger` weeks
    later for a second idea, so the markers do not sit on each other)."""
    previous = None
    start = change_monday(story.start) - timedelta(weeks=3 * len(story.decisions) - stagger)
    for number, decision in enumerate(story.decisions, start=1):
        previous = PDSACycle.objects.create(
            project=project,
            change_idea=idea,
            follows=previous,
            owner=owner,
            title=f"{idea.text}: cycle {number}",
            objective=f"Test “{idea.text}” {'on one ward' if number == 1 else 'more widely'}.",
            questions="Can the team do this reliably every day?",
            predictions="At least 8 in 10 patients will receive it.",
            plan="One ward, one week, the ward sister collects the data.",
            what_happened="Done on most days; missed at weekends.",
            results="7 in 10 at first, rising to 9 in 10 by the end of the week.",
            decision=decision,
            status="complete",
            next_steps="Spread to the next ward." if decision == "adopt" else "Adjust and retest.",
            start_date=start,
            end_date=start + timedelta(days=13),
        )
        start += timedelta(weeks=3)


def seed_story_projects(password: str) -> list[tuple[str, str]]:
    """Creates the story projects once (matched by title); returns the frontline users."""
    people = []
    for story in STORIES:
        member = seed_user(
            f"frontline.{story.slug}", password, first_name="Frontline", last_name=story.title
        )
        people.append((member.username, f"project team member, {story.title}"))
        if Project.objects.filter(title=story.title).exists():
            continue
        project = _create(story)
        ProjectMember.objects.create(project=project, user=member, role=ProjectRole.LEAD)
        ideas = _diagram(project, story)
        for stagger, idea in enumerate(ideas[:2]):
            _ramp(project, idea, story, member, stagger)
    return people


def _create(story: Story) -> Project:
    what, whom, how_much, by_when = story.aim
    project = Project.objects.create(
        title=story.title,
        summary=story.summary,
        lead_region=Region.objects.get(slug=story.lead),
        topic=story.topic,
        status=story.status,
        start_date=story.start,
        status_since=story.completed or story.start,
        completed_on=story.completed,
        expected_end_date=by_when,
        progress_score=story.score,
        aim_what=what,
        aim_for_whom=whom,
        aim_how_much=how_much,
        aim_by_when=by_when,
    )
    regions = Region.objects.filter(slug__in=story.participating)
    project.participating_regions.set(regions)
    project.care_settings.set(project.care_settings.model.objects.filter(slug__in=story.settings))
    project.organisations.set(
        Organisation.objects.filter(region__slug__in=(story.lead, *story.participating))[:6]
    )
    project.status_changes.create(status="active", began_on=story.start)
    if story.completed:
        project.status_changes.create(status="completed", began_on=story.completed)
    project.progress_scores.create(score=story.score, recorded_on=story.start + timedelta(90))
    return project
