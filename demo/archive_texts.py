"""What the nine story teams wrote down: their learning, the outcomes they report, and what
they and their regional lead said on the way to the archive. The figures in the words are the
charts' (demo/measures.py), as the impact statements compute them."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Written:
    summary: str
    what_worked: str
    what_did_not: str
    advice: str
    sustain: str
    spread_plan: str
    outcomes: tuple[dict, ...] = ()
    submitted: str = ""  # the team's note on submitting
    published: str = ""  # the regional lead's on publishing

    @property
    def learning(self) -> dict[str, str]:
        names = ("summary", "what_worked", "what_did_not", "advice", "sustain", "spread_plan")
        return {name: getattr(self, name) for name in names}


WRITTEN = {
    "laparotomy": Written(
        summary="Twenty-eight hospitals in three collaboratives put the ELPQuIC bundle into "
        "practice for every emergency laparotomy: screening for sepsis on arrival, consultant "
        "review within 12 hours, goal-directed fluids in theatre and critical care afterwards "
        "for high-risk patients. Length of stay fell from 17.6 to 16.1 days (down 8.5%) and "
        "risk-adjusted mortality fell by 18%.",
        what_worked="Starting with sepsis screening, which every emergency department already "
        "knew how to do. A named consultant surgeon and anaesthetist in each hospital. Monthly "
        "NELA reports shared across the 28 teams, so each could see where it stood.",
        what_did_not="Critical care beds could not always be found for high-risk patients at "
        "night; an escalation card on its own did not change that. Paper bundle forms were "
        "filled in after the event, so we moved the checks into the theatre booking system.",
        advice="Measure from the first week with the NELA data you already send. Agree the "
        "bundle with surgeons, anaesthetists and the emergency department together before you "
        "start, and test each element on one firm before spreading it.",
        sustain="The bundle is part of the emergency theatre booking form and each hospital's "
        "NELA lead reviews compliance every quarter at the surgical governance meeting.",
        spread_plan="The collaboratives are offering the bundle, the booking form and their "
        "teaching sessions to the other regions through the national laparotomy network.",
        outcomes=(
            {
                "kind": "saving",
                "description": "Bed-days released by shorter stays after emergency laparotomy",
                "amount": Decimal("1300000"),
                "unit": "£",
                "period": "April 2016 to March 2018 (two years)",
                "cash_releasing": False,
                "estimation": "Bed-days saved across the 28 hospitals from the fall in length "
                "of stay (17.6 to 16.1 days), at the NHS reference cost of an excess bed-day; "
                "beds were reused for other patients, not closed.",
                "source": "NELA data and the collaborative's evaluation",
            },
            {
                "kind": "other",
                "description": "Risk-adjusted 30-day mortality after emergency laparotomy down 18%",
                "amount": Decimal("18"),
                "unit": "%",
                "period": "The first year of the bundle compared with the year before",
                "cash_releasing": None,
                "estimation": "NELA's risk-adjusted 30-day mortality for the 28 hospitals, "
                "before and after the bundle was in place.",
                "source": "National Emergency Laparotomy Audit",
            },
        ),
        submitted="Ready for the archive: the NELA figures are the audit's latest.",
        published="A model for a collaborative across three regions. Published with the "
        "length of stay chart.",
    ),
    "swabs": Written(
        summary="Labour ward teams made the swab count part of every handover of care, said "
        "aloud and written on the birth record. Verbal handover of the count rose from 27% to "
        "77% of births and written handover from 4% to 63%, and the units went more than 600 "
        "days without a retained swab.",
        what_worked="A line in the handover script that midwives read out, and a box on the "
        "birth record that cannot be skipped. Swab bags with numbered pockets made the count "
        "quick enough to do every time, even in an emergency.",
        what_did_not="Posters and reminders at safety briefings made no difference on their "
        "own. The first version of the birth record box was on the back page and was missed.",
        advice="Audit 20 births a week from the start so you can see the change. Involve the "
        "obstetricians and theatre staff as well as midwives: swabs move between all of them.",
        sustain="The count is in the maternity handover policy and the weekly audit continues, "
        "reported to the maternity safety meeting every month.",
        spread_plan="The handover script, the birth record box and the swab bag specification "
        "are shared with the other maternity units in the region and in the change catalogue.",
        submitted="We would like other maternity units to be able to find this.",
        published="Published with both handover charts and the days between never events.",
    ),
    "aki": Written(
        summary="Surgical wards acted on the electronic AKI alert with a care bundle: fluid "
        "balance reviewed each shift, nephrotoxic medicines stopped and daily blood tests for "
        "patients at risk. AKI arising on the wards fell from 2.5 to 1.6 per 100 admissions, "
        "down 36%.",
        what_worked="The alert went to the nurse in charge as well as the doctor, with the "
        "bundle printed on it. Pharmacists reviewed every alerted patient's medicines the same "
        "day.",
        what_did_not="Fluid balance charts were still incomplete at night until the "
        "healthcare assistants were trained to total them at each shift change.",
        advice="Start on one ward with a pharmacist who is keen. Use the laboratory alert you "
        "already have rather than a new screening tool.",
        sustain="The care bundle is in the electronic record's AKI order set, and the ward "
        "rates are on the surgical division's monthly dashboard.",
        spread_plan="Seven other trusts in the North East and North Cumbria have taken up the "
        "alert and bundle; the order set is offered to any trust with the same laboratory "
        "system.",
        outcomes=(
            {
                "kind": "saving",
                "description": "Bed-days not needed for patients who would have developed AKI",
                "amount": Decimal("300000"),
                "unit": "£",
                "period": "A year",
                "cash_releasing": False,
                "estimation": "AKIs avoided on the surgical wards in a year, each adding about "
                "four days to a stay, at the trust's cost of a surgical bed-day.",
                "source": "The trust's finance team, checked by the collaborative",
            },
        ),
        submitted="Submitted with the saving our finance team worked out.",
        published="Published: a clear result and the spread to seven trusts shows it travels.",
    ),
    "hydration": Written(
        summary="Care homes offered drinks seven times a day on a structured round, with "
        "coloured cups for residents at risk and a hydration champion on every shift. "
        "Urinary infections needing antibiotics went from one every 4 days to one every 30 "
        "days.",
        what_worked="Making drinks a social event at set times, with a choice of drinks and "
        "jelly for residents who struggle to drink. Champions chosen from the care staff, not "
        "the managers.",
        what_did_not="Fluid charts for every resident took too long and were left blank; we "
        "kept them only for residents with coloured cups.",
        advice="Count the days between infections from the home's medicines records: it is "
        "easy and the staff see the gap growing. Bring the GP practice in early so antibiotic "
        "prescribing is counted the same way.",
        sustain="The drinks rounds are on each home's daily routine sheet, and new staff learn "
        "them at induction from the champions.",
        spread_plan="The collaborative is offering the toolkit to all care homes in the region "
        "with the local authority's care home support team.",
        submitted="Please publish: other homes have been asking how we did it.",
        published="Published with the chart of days between infections.",
    ),
    "huddles": Written(
        summary="Medical wards held a ten-minute safety huddle at each shift change to share "
        "who was at risk of falling, with a falls symbol at the bedside, lying and standing "
        "blood pressure on admission and bay nursing for those most at risk. Falls fell from "
        "7.5 to 5.5 per 1,000 bed-days, and 2,439 falls were potentially avoided.",
        what_worked="Keeping the huddle short and standing, at the same time every day, led by "
        "whoever was in charge. Each huddle ended with who would watch which bay.",
        what_did_not="Huddles at weekends lapsed when the regular staff were off; a laminated "
        "card with the five questions helped bank staff lead them.",
        advice="Begin with one ward and a ward sister who wants to try it. Count falls per "
        "1,000 bed-days from the incident system so that busy weeks do not mislead you.",
        sustain="Huddles are in the ward standard operating procedure and the matrons check "
        "one a week on each ward.",
        spread_plan="The huddle guide and card are in the change catalogue; community "
        "hospitals in the region are starting them next.",
        submitted="Submitted with the falls chart for all the wards.",
        published="Published: the falls avoided are computed from the chart.",
    ),
    "paperweight": Written(
        summary="Community nurses and carers used the PaperWeight armband, a paper band that "
        "measures upper arm circumference, at a first visit to spot malnutrition in older "
        "people at home, and gave a food first leaflet to those at risk.",
        what_worked="The armband needs no scales and takes less than a minute, so carers and "
        "volunteers used it as well as nurses. The colours made the result easy to explain "
        "to families.",
        what_did_not="Referrals to dietitians rose faster than the service could see them at "
        "first; we agreed that food first advice comes before a referral.",
        advice="Agree with your dietitians what happens after a red result before you hand out "
        "the first armband.",
        sustain="The armband is in the community nursing first-visit pack and the carers' "
        "training.",
        spread_plan="Armbands and training are offered to voluntary sector partners and to the "
        "other community trusts in Greater Manchester.",
        submitted="No chart yet: our screening counts are still being collected.",
        published="Published as a story of a simple idea; charts to follow.",
    ),
    "transfers": Written(
        summary="Pharmacy reconciled medicines within 24 hours of admission and discharge "
        "information went electronically to the patient's community pharmacy. Defect-free "
        "medicines care on transfer rose from 26.6% to 42.4% of patients, a 59% relative "
        "improvement (26.6% to 42.4% is up 59.4%).",
        what_worked="Referrals to community pharmacy sent from the discharge letter with one "
        "click, and a named pharmacy technician on each ward for reconciliation.",
        what_did_not="Weekend admissions still waited for reconciliation until Monday; a "
        "weekend technician rota is being tested.",
        advice="Use an all-or-none measure: each part of the care can look good on its own "
        "while patients still fall through the gaps between them.",
        sustain="The electronic referral is the default on every discharge, and the measure "
        "is reported to the medicines safety committee monthly.",
        spread_plan="Shared with the nine teams of the Greater Manchester medicines safety "
        "collaborative and offered to community pharmacies through their local committee.",
        submitted="Ready for review.",
        published="Published with the defect-free care chart.",
    ),
    "edchecklist": Written(
        summary="The emergency department used a time-based safety checklist for every adult "
        "arriving. NEWS within an hour of arrival rose from 55% to 84%, pain scores within an "
        "hour from 59% to 93%, and ECGs within 10 minutes for chest pain from 36% to 71%.",
        what_worked="A single sheet that travels with the patient, with times to tick at 15, "
        "60 and 120 minutes. The nurse in charge checked the board every hour.",
        what_did_not="An electronic version in the first month slowed triage; we went back to "
        "paper and built the electronic one with the triage nurses.",
        advice="Pick three or four checks that matter most and time them; a long checklist is "
        "not used. Share the weekly figures with the whole department.",
        sustain="The checklist is now in the electronic record and every emergency department "
        "in the region reports the three measures.",
        spread_plan="Every acute trust in the West of England and the ambulance service use "
        "the checklist; it is in the change catalogue for other regions.",
        submitted="Submitted now the project is complete.",
        published="Published with all three charts.",
    ),
    "warfarin": Written(
        summary="Clinics tested a point-of-care genotype test so the first warfarin doses "
        "could be guided by the patient's genes, aiming to raise time in the therapeutic "
        "range.",
        what_worked="The test gave a result within the clinic appointment, and patients were "
        "interested in why their dose was chosen.",
        what_did_not="Fewer patients started warfarin than expected as newer anticoagulants "
        "took over, so the numbers were too small to chart reliably.",
        advice="Check how many patients start warfarin in your service before you plan the "
        "measure: you may need several clinics to see a change.",
        sustain="The test remains available in the two clinics that used it most.",
        spread_plan="The findings are shared with the region's anticoagulation network; no "
        "wider spread is planned until there is more data.",
        submitted="Submitted so others can learn from what did not go to plan.",
        published="Published: learning from a test that did not scale is worth sharing.",
    ),
}
