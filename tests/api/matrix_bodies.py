"""A valid body for each write of the authorisation matrix, on the Wessex world's objects, so
that each role's answer shows the policy rather than a validation error."""

LEARNING_PROGRAMME = "wessex-falls-collaborative"
LEARNING_CHANGE = "falls-safety-huddle"


def bodies(w, people) -> dict:
    return {**_bodies(w, people), **_learning_bodies(w)}


def _learning_bodies(w) -> dict:
    adoption = {
        "organisation": "RHM",
        "change": LEARNING_CHANGE,
        "adopted_on": "2016-09-01",
        "status": "sustained",
    }
    return {
        ("programme-list", "POST"): {
            "name": "Wessex sepsis collaborative",
            "topic": "sepsis",
            "start_date": "2017-01-01",
            "lead_regions": ["wessex"],
        },
        ("programme-detail", "PATCH"): {"name": "Renamed", "status": "completed"},
        ("programme-members", "POST"): {"project": w.project.pk, "joined_on": "2016-09-01"},
        ("programme-member", "PATCH"): {"left_on": "2017-01-31"},
        ("programme-sessions", "POST"): {"title": "Learning session 2", "held_on": "2016-10-12"},
        ("programme-measures", "POST"): {"standard": "falls-per-1000-bed-days"},
        ("change-list", "POST"): {
            "name": "Intentional rounding",
            "description": "Hourly checks on every patient at risk",
            "topic": "falls",
            "owner_region": "wessex",
        },
        ("change-detail", "PATCH"): {"evidence": "Fewer falls on 6 wards"},
        ("change-resources", "POST"): {"title": "Guide", "url": "https://example.org/guide"},
        ("adoption-list", "POST"): adoption,
        ("adoption-detail", "PATCH"): {"status": "sustained"},
        ("adoption-bulk", "POST"): {"adoptions": [adoption]},
    }


def _bodies(w, people) -> dict:
    day = "2016-06-01"
    return {
        ("organisation-list", "POST"): {
            "name": "New Trust",
            "type": "acute_trust",
            "region": "wessex",
            "ods_code": "RXX",
        },
        ("organisation-detail", "PUT"): {
            "name": "Renamed",
            "type": "acute_trust",
            "region": "wessex",
            "ods_code": "RHM",
        },
        ("organisation-detail", "PATCH"): {"name": "Renamed"},
        ("activity-training-list", "POST"): {
            "region": "wessex",
            "date": day,
            "course": "Human factors",
            "people_trained": 5,
            "training_type": "human_factors",
            "qi_level": "",
            "patients_trained": 0,
        },
        ("activity-champions-list", "POST"): {
            "region": "wessex",
            "date": day,
            "count": 2,
            "kind": "q_fellow",
        },
        ("activity-engagement-list", "POST"): {
            "region": "wessex",
            "organisation": "RXY",
            "first_engaged": day,
            "route": "training",
        },
        ("activity-culture-list", "POST"): {
            "region": "wessex",
            "date": day,
            "team": "ED",
            "tool": "saq",
            "organisation": None,
        },
        **{
            (f"activity-{kind}-detail", "PATCH"): patch
            for kind, patch in (
                ("training", {"people_trained": 20}),
                ("champions", {"count": 4}),
                ("engagement", {"route": "network"}),
                ("culture", {"team": "Ward 5"}),
            )
        },
        **{
            (f"activity-{kind}-detail", "PUT"): {"region": "wessex", **put}
            for kind, put in (
                (
                    "training",
                    {
                        "date": day,
                        "course": "QI",
                        "people_trained": 1,
                        "training_type": "other",
                        "qi_level": "",
                        "patients_trained": 0,
                    },
                ),
                ("champions", {"date": day, "count": 1, "kind": "qi_expert"}),
                (
                    "engagement",
                    {"organisation": w.organisation.pk, "first_engaged": day, "route": "network"},
                ),
                ("culture", {"date": day, "team": "Theatres", "tool": "other"}),
            )
        },
        ("project-list", "POST"): {"title": "Deterioration", "lead_region": "wessex"},
        ("project-detail", "PUT"): {"title": "Renamed", "lead_region": "wessex"},
        ("project-detail", "PATCH"): {"aim": {"what": "Fewer falls with harm"}},
        ("project-team", "POST"): {"user": people["oxford_lead"].username, "role": "member"},
        ("primary-driver-list", "POST"): {"project": w.project.pk, "text": "Culture"},
        ("secondary-driver-list", "POST"): {
            "primary_driver": w.primary_driver.pk,
            "text": "Huddles",
        },
        ("change-idea-list", "POST"): {
            "project": w.project.pk,
            "text": "Safety cross",
            "secondary_drivers": [w.secondary_driver.pk],
        },
        **{
            (f"{node}-detail", "PATCH"): {"text": "Renamed"}
            for node in ("primary-driver", "secondary-driver", "change-idea")
        },
        **{
            (f"{node}-move", "POST"): {"direction": "up"}
            for node in ("primary-driver", "secondary-driver", "change-idea")
        },
        ("pdsa-cycle-list", "POST"): {
            "project": w.project.pk,
            "change_idea": w.change_idea.pk,
            "title": "Cycle 2",
            "objective": "Test on ward 2",
            "start_date": day,
        },
        ("pdsa-cycle-detail", "PUT"): {
            "project": w.project.pk,
            "change_idea": w.change_idea.pk,
            "title": "Cycle 1",
            "objective": "Again",
            "start_date": day,
        },
        ("pdsa-cycle-detail", "PATCH"): {"what_happened": "Worked on days, not nights"},
        ("measure-list", "POST"): {
            "project": w.project.pk,
            "name": "Falls",
            "kind": "outcome",
            "data_type": "count",
        },
        ("measure-detail", "PUT"): {"name": "Falls", "kind": "outcome", "data_type": "continuous"},
        ("measure-detail", "PATCH"): {"target": 20},
        ("measure-data", "POST"): {"points": [{"period": "2016-04-25", "value": 9}]},
        ("measure-events", "POST"): {"events": [{"date": "2016-05-01"}]},
        ("measure-phases", "POST"): {"start": "2016-04-11", "reason": "New protocol"},
        ("data-point-list", "POST"): {
            "points": [{"measure": w.measure.pk, "period": "2016-04-25", "value": 9}]
        },
        ("measure-note-list", "POST"): {"period": "2016-04-11", "text": "Agency staff"},
        ("measure-note-detail", "PATCH"): {"text": "Agency staff on nights"},
        ("api-not-found", "POST"): {},
    }
