"""A modest catalogue of changes, drawn from the programme's published work, owned by the demo's
collaborative programmes and regions, with resources as links and the story projects' change
ideas linked to the entries they test, so "where else has this been tried?" has answers."""

from dataclasses import dataclass
from datetime import date

from simple_history.utils import bulk_create_with_history

from learning.models import (
    ChangeEntry,
    ChangeLink,
    ChangeResource,
    EntryStatus,
    PackageItem,
    Programme,
)
from projects.models import CareSetting, ChangeIdea, Topic
from regions.models import Region


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    owner: tuple[str, str]  # ("programme", slug) or ("region", slug)
    topic: str
    description: str
    evidence: str
    settings: tuple[str, ...]
    resources: tuple[tuple[str, str], ...]
    published_on: date
    # Story change ideas (project title, idea text) that test it.
    ideas: tuple[tuple[str, str], ...] = ()


LAPAROTOMY = "Emergency laparotomy collaborative"
ENTRIES = [
    Entry(
        "elpquic-care-bundle",
        "ELPQuIC care bundle for emergency laparotomy",
        ("programme", "emergency-laparotomy"),
        Topic.SURGERY,
        "The Emergency Laparotomy Pathway Quality Improvement Care bundle: early warning scores "
        "and sepsis screening on arrival, antibiotics for suspected sepsis, consultant review "
        "and a prompt trip to theatre, goal-directed fluid therapy, and critical care after "
        "surgery for every high-risk patient.",
        "Four hospitals that used the bundle reduced risk-adjusted mortality after emergency "
        "laparotomy from 6.5 to 3.6 deaths in every 100 patients (Huddart and others, 2015).",
        ("acute-hospital",),
        (
            ("National Emergency Laparotomy Audit", "https://www.nela.org.uk/"),
            ("The bundle on a page", "https://www.nela.org.uk/reports"),
        ),
        date(2016, 4, 1),
    ),
    Entry(
        "laparotomy-sepsis-screening",
        "Sepsis screening and antibiotics for emergency laparotomy",
        ("programme", "emergency-laparotomy"),
        Topic.SURGERY,
        "Every patient with suspected peritonitis is screened for sepsis on arrival, has a "
        "lactate within an hour, and receives antibiotics within the hour if sepsis is likely.",
        "One element of the ELPQuIC bundle; early antibiotics reduce deaths from sepsis.",
        ("acute-hospital",),
        (("Sepsis screening tool", "https://sepsistrust.org/professional-resources/"),),
        date(2016, 4, 1),
        ideas=(
            (LAPAROTOMY, "Sepsis screening on arrival"),
            (LAPAROTOMY, "Lactate within one hour"),
        ),
    ),
    Entry(
        "laparotomy-consultant-review",
        "Consultant review and theatre without delay",
        ("programme", "emergency-laparotomy"),
        Topic.SURGERY,
        "A consultant surgeon reviews every patient within 12 hours of admission, and patients "
        "with sepsis reach theatre within six hours of the decision to operate.",
        "One element of the ELPQuIC bundle; NELA reports fewer deaths where consultants lead.",
        ("acute-hospital",),
        (("NELA patient report", "https://www.nela.org.uk/reports"),),
        date(2016, 4, 1),
        ideas=((LAPAROTOMY, "Consultant review within 12 hours"),),
    ),
    Entry(
        "goal-directed-fluid-therapy",
        "Goal-directed fluid therapy in theatre",
        ("programme", "emergency-laparotomy"),
        Topic.SURGERY,
        "Cardiac output monitoring guides fluids during surgery for every emergency laparotomy.",
        "One element of the ELPQuIC bundle.",
        ("acute-hospital",),
        (("NICE guidance on cardiac output monitoring", "https://www.nice.org.uk/"),),
        date(2016, 4, 1),
        ideas=((LAPAROTOMY, "Cardiac output monitoring in theatre"),),
    ),
    Entry(
        "critical-care-after-laparotomy",
        "Critical care after surgery for high-risk patients",
        ("programme", "emergency-laparotomy"),
        Topic.SURGERY,
        "Every patient with a predicted mortality of 10% or more is admitted to critical care "
        "after an emergency laparotomy.",
        "One element of the ELPQuIC bundle.",
        ("acute-hospital",),
        (("P-POSSUM risk calculator", "https://www.nela.org.uk/Risk-Calculator"),),
        date(2016, 4, 1),
        ideas=((LAPAROTOMY, "Admit high-risk patients to critical care"),),
    ),
    Entry(
        "aki-alert-care-bundle",
        "Electronic AKI alert with a care bundle",
        ("region", "north-east-north-cumbria"),
        Topic.ACUTE_KIDNEY_INJURY,
        "The laboratory system flags a rise in creatinine; the alert opens a care bundle: "
        "fluid review, medicines review (stop nephrotoxic medicines), urinalysis and daily "
        "creatinine until it falls.",
        "On the surgical wards that first used it, AKI fell from 2.5 to 1.6 in every 100 "
        "patients; rolled out to seven more trusts across the North East.",
        ("acute-hospital",),
        (
            ("Think Kidneys: AKI resources", "https://www.thinkkidneys.nhs.uk/aki/"),
            ("NICE guideline on acute kidney injury", "https://www.nice.org.uk/guidance/ng148"),
        ),
        date(2017, 1, 9),
        ideas=(("Acute kidney injury on surgical wards", "Electronic AKI alert with care bundle"),),
    ),
    Entry(
        "ed-safety-checklist",
        "Emergency department safety checklist",
        ("region", "west-of-england"),
        Topic.EMERGENCY_DEPARTMENT,
        "A time-based checklist for the first hours in the emergency department: NEWS within "
        "an hour of arrival, a pain score at triage, an ECG within ten minutes for chest pain, "
        "and the ambulance handover on the same sheet.",
        "In the first department NEWS within an hour rose from 55% to 84%, pain scores from "
        "59% to 93% and ECGs within ten minutes from 36% to 71%; adopted by every acute trust "
        "and the ambulance service in the West of England.",
        ("acute-hospital", "ambulance"),
        (
            ("The checklist", "https://www.weahsn.net/"),
            ("Royal College of Emergency Medicine safety toolkit", "https://rcem.ac.uk/"),
        ),
        date(2017, 3, 31),
        ideas=(
            ("Emergency department safety checklist", "NEWS in the first hour on the checklist"),
            ("Emergency department safety checklist", "Pain score at triage"),
            ("Emergency department safety checklist", "ECG within ten minutes of arrival"),
        ),
    ),
    Entry(
        "pharmacy-reconciliation-24-hours",
        "Pharmacy medicines reconciliation within 24 hours",
        ("programme", "gm-medicines-safety"),
        Topic.MEDICINES_SAFETY,
        "A pharmacist or technician reconciles every admitted patient's medicines within 24 "
        "hours, from at least two sources.",
        "Part of the medicines safety collaborative's package: defect-free medicines care rose "
        "from 26.6% to 42.4% across the nine health economies.",
        ("acute-hospital",),
        (("NICE guideline on medicines optimisation", "https://www.nice.org.uk/guidance/ng5"),),
        date(2016, 10, 3),
        ideas=(
            ("Defect-free medicines care on transfer", "Pharmacy reconciliation within 24 hours"),
        ),
    ),
    Entry(
        "electronic-referral-community-pharmacy",
        "Electronic referral to community pharmacy at discharge",
        ("programme", "gm-medicines-safety"),
        Topic.TRANSFERS_OF_CARE,
        "Patients who agree are referred electronically to their community pharmacy at "
        "discharge, with their medicines changes, for a follow-up conversation.",
        "Patients referred were less likely to be readmitted in the medicines safety "
        "collaborative's health economies.",
        ("acute-hospital", "primary-care"),
        (("Transfers of care around medicines", "https://www.rpharms.com/"),),
        date(2016, 10, 3),
        ideas=(
            (
                "Defect-free medicines care on transfer",
                "Electronic referral to community pharmacy",
            ),
        ),
    ),
    Entry(
        "mental-health-safety-huddle",
        "Safety huddles on mental health wards",
        ("programme", "south-mental-health"),
        Topic.MENTAL_HEALTH,
        "A short daily huddle on each ward names the patients at risk of violence, self-harm "
        "or restraint that day and agrees who will do what.",
        "Wards in the South of England collaborative that huddled daily reported fewer "
        "restrictive interventions.",
        ("mental-health",),
        (("Safety huddles: a how-to guide", "https://www.ihi.org/"),),
        date(2016, 9, 1),
    ),
    Entry(
        "two-person-swab-count",
        "Two-person swab count at every stage",
        ("region", "oxford"),
        Topic.NEVER_EVENTS,
        "Two people count every swab at each stage of a birth and record the count on the "
        "birth record and in the handover.",
        "Retained vaginal swabs fell from one every 75 days to none in 600 days.",
        ("maternity",),
        (("Swab count procedure", "https://www.oxfordahsn.org/"),),
        date(2017, 6, 1),
        ideas=(("Retained swabs in maternity", "Two-person count at every stage"),),
    ),
    Entry(
        "structured-drinks-rounds",
        "Structured drinks rounds in care homes",
        ("region", "oxford"),
        Topic.HYDRATION_NUTRITION,
        "Seven structured drinks rounds a day, with coloured cups for residents at risk.",
        "Urinary infections needing antibiotics fell from one every 4 days to one every 30 "
        "days in the homes that took part.",
        ("care-home",),
        (("Hydration toolkit for care homes", "https://www.oxfordahsn.org/"),),
        date(2017, 6, 1),
        ideas=(("Hydration in care homes", "Seven structured drinks rounds a day"),),
    ),
    Entry(
        "ward-safety-huddle",
        "Ten-minute safety huddle at shift change",
        ("region", "yorkshire-humber"),
        Topic.FALLS,
        "A ten-minute, standing huddle at each shift change to share who is at risk of falling "
        "today and what the team will do about it.",
        "Falls on the first wards fell from 7.5 to 5.5 per 1,000 bed-days.",
        ("acute-hospital", "community"),
        (("Safety huddle guide", "https://improvementacademy.org/"),),
        date(2017, 4, 3),
        ideas=(("Safety huddles and falls", "Ten-minute huddle at shift change"),),
    ),
    Entry(
        "paperweight-armband",
        "PaperWeight armband for malnutrition",
        ("region", "greater-manchester"),
        Topic.HYDRATION_NUTRITION,
        "A paper armband measures the upper arm's circumference at the first visit, so carers "
        "and volunteers spot malnutrition early and give food-first advice.",
        "Being tested by community teams in Greater Manchester.",
        ("community", "patients-home"),
        (("The PaperWeight armband", "https://healthinnovationmanchester.com/"),),
        date(2017, 3, 1),
        ideas=(("PaperWeight malnutrition armband", "PaperWeight armband at first visit"),),
    ),
]
PACKAGES = {
    "emergency-laparotomy": [
        "elpquic-care-bundle",
        "laparotomy-sepsis-screening",
        "laparotomy-consultant-review",
        "goal-directed-fluid-therapy",
        "critical-care-after-laparotomy",
    ],
    "gm-medicines-safety": [
        "pharmacy-reconciliation-24-hours",
        "electronic-referral-community-pharmacy",
    ],
    "south-mental-health": ["mental-health-safety-huddle"],
}
# The generated portfolio's falls projects test the huddle too ("Daily huddle").
HUDDLE_IDEA, HUDDLE_LINKS = "Daily huddle", 24


def seed_catalogue(programmes: dict[str, Programme], by) -> dict[str, ChangeEntry]:
    """The entries, their resources and links, and the programmes' packages."""
    regions = {r.slug: r for r in Region.objects.all()}
    settings = {s.slug: s for s in CareSetting.objects.all()}
    entries = {}
    for spec in ENTRIES:
        kind, owner = spec.owner
        entry = ChangeEntry(
            slug=spec.slug,
            name=spec.name,
            description=spec.description,
            evidence=spec.evidence,
            topic=spec.topic,
            owner_programme=programmes[owner] if kind == "programme" else None,
            owner_region=regions[owner] if kind == "region" else None,
            status=EntryStatus.PUBLISHED,
            published_on=spec.published_on,
            created_by=by,
        )
        entry._history_user = by
        entry.save()
        entry.care_settings.set([settings[slug] for slug in spec.settings])
        entries[spec.slug] = entry
    bulk_create_with_history(
        [
            ChangeResource(entry=entries[spec.slug], title=title, url=url, position=position)
            for spec in ENTRIES
            for position, (title, url) in enumerate(spec.resources)
        ],
        ChangeResource,
        default_user=by,
    )
    bulk_create_with_history(
        [
            PackageItem(programme=programmes[slug], entry=entries[entry], position=position)
            for slug, package in PACKAGES.items()
            for position, entry in enumerate(package)
        ],
        PackageItem,
        default_user=by,
    )
    _link(entries, by)
    return entries


def _link(entries: dict[str, ChangeEntry], by) -> None:
    wanted = {idea: spec.slug for spec in ENTRIES for idea in spec.ideas}
    ideas = ChangeIdea.objects.filter(
        project__title__in={title for title, _ in wanted}, text__in={t for _, t in wanted}
    ).select_related("project")
    links = [
        ChangeLink(change_idea=idea, entry=entries[wanted[key]], linked_by=by)
        for idea in ideas
        if (key := (idea.project.title, idea.text)) in wanted
    ]
    huddles = ChangeIdea.objects.filter(
        text=HUDDLE_IDEA, project__topic=Topic.FALLS, catalogue_link__isnull=True
    ).order_by("project__start_date", "pk")[:HUDDLE_LINKS]
    links += [ChangeLink(change_idea=idea, entry=entries["ward-safety-huddle"]) for idea in huddles]
    for link in links:
        link.linked_by = link.linked_by or by
    bulk_create_with_history(links, ChangeLink, default_user=by)
