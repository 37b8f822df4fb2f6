"""The national measure library: reviewed operational definitions projects adopt."""

from datetime import date

from django.db import migrations

REVIEWED = date(2016, 9, 1)
REVIEWER = "PSC national measurement group"

LIBRARY = [
    ("news-within-one-hour", "Patients with NEWS calculated within one hour of arrival",
     "process", "proportion", "p", "anhoej", "increase", "%", 100,
     "Adults arriving at the emergency department whose first National Early Warning Score is "
     "recorded within 60 minutes of arrival time.",
     "All adults (16+) booked in to the emergency department.",
     "Patients who leave before assessment; patients arriving by ambulance already on a "
     "resuscitation pathway with a score recorded pre-hospital.",
     "ED electronic patient record, weekly extract"),
    ("aki-incidence-surgical", "AKI incidence on surgical wards", "outcome", "rate", "u",
     "anhoej", "decrease", "per 100 admissions", 100,
     "New acute kidney injury (KDIGO stage 1 or above, from the AKI e-alert) arising on a "
     "surgical ward, per surgical admission.",
     "Adult surgical inpatients with a stay of 24 hours or more.",
     "AKI present on admission; patients on renal replacement therapy.",
     "Laboratory AKI alert linked to ward admissions"),
    ("falls-per-1000-bed-days", "Falls per 1,000 bed-days", "outcome", "rate", "u", "anhoej",
     "decrease", "per 1,000 bed-days", 1000,
     "Inpatient falls reported on the incident system, per occupied bed-day.",
     "All inpatient falls, with or without harm, on participating wards.",
     "Near misses; falls of visitors and staff.",
     "Incident reporting system and ward bed-day census"),
    ("pain-score-within-one-hour", "Patients with a pain score within one hour of arrival",
     "process", "proportion", "p", "anhoej", "increase", "%", 100,
     "Adults in the emergency department with a pain score recorded within 60 minutes.",
     "All adults booked in to the emergency department.", "Patients who leave before "
     "assessment.", "ED electronic patient record"),
    ("ecg-within-ten-minutes", "Chest pain patients with an ECG within 10 minutes", "process",
     "proportion", "p", "anhoej", "increase", "%", 100,
     "Adults presenting with chest pain whose first 12-lead ECG is within 10 minutes of arrival.",
     "Adults whose presenting complaint is chest pain.", "Patients with an ECG done by the "
     "ambulance service and handed over.", "ED electronic patient record"),
    ("swab-verbal-handover", "Births with a verbal swab count at handover", "process",
     "proportion", "p", "anhoej", "increase", "%", 100,
     "Births where the swab count is stated aloud at every handover of care.",
     "All births on the labour ward and birth centre.", "None.", "Weekly audit of 20 births"),
    ("days-between-retained-swabs", "Days between retained swab never events", "outcome",
     "events", "t", "anhoej", "increase", "days", 1,
     "Each retained vaginal swab reported as a never event, dated on the day of birth.",
     "All births.", "Swabs found and removed before the woman leaves the birth room.",
     "Never events register"),
    ("uti-antibiotics-care-homes", "Days between urinary infections needing antibiotics",
     "outcome", "events", "t", "anhoej", "increase", "days", 1,
     "Each urinary tract infection treated with antibiotics in a care home resident.",
     "All residents of participating care homes.", "Prophylactic antibiotics.",
     "Care home medicines records"),
    ("defect-free-medicines-transfer", "Patients with defect-free medicines care on transfer",
     "process", "proportion", "p", "anhoej", "increase", "%", 100,
     "Patients discharged whose medicines are reconciled, explained and sent to their "
     "community pharmacy, all within 24 hours.",
     "Adults discharged home from participating wards.", "Deaths; transfers to other "
     "hospitals.", "Ward pharmacy audit"),
    ("laparotomy-length-of-stay", "Emergency laparotomy length of stay", "outcome",
     "continuous", "xmr", "mdc", "decrease", "days", 1,
     "Mean length of stay in days of patients having an emergency laparotomy, by week of "
     "operation.", "Adults in the National Emergency Laparotomy Audit.", "Deaths in hospital.",
     "NELA data and hospital episode statistics"),
]


def create_library(apps, schema_editor):
    StandardMeasure = apps.get_model("measurement", "StandardMeasure")
    for (slug, name, kind, data_type, chart, rules, improvement, unit, multiplier, definition,
         inclusions, exclusions, source) in LIBRARY:
        StandardMeasure.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "data_type": data_type, "chart": chart, "rules": rules,
            "improvement": improvement, "unit": unit, "multiplier": multiplier,
            "definition": definition, "inclusions": inclusions, "exclusions": exclusions,
            "data_source": source, "reviewed_on": REVIEWED, "reviewed_by": REVIEWER,
        })


def remove_library(apps, schema_editor):
    apps.get_model("measurement", "StandardMeasure").objects.filter(
        slug__in=[row[0] for row in LIBRARY]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("measurement", "0001_initial")]

    operations = [migrations.RunPython(create_library, remove_library)]
