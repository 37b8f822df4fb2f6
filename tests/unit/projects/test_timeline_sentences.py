"""Each kind of change in a project's history reads as a plain sentence with a human date."""

from datetime import UTC, datetime

import pytest

from projects.history import Change, FieldChange
from projects.presenters.timeline import sentence, timeline, worth_telling

WHEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def change(kind, action, name="", fields=(), who="Amy Khan") -> Change:
    what = f"{kind} “{name}”" if kind != "Project" else "Project record"
    return Change(WHEN, who, what, action, [FieldChange(*f) for f in fields], kind, name)


@pytest.mark.parametrize(
    ("the_change", "expected"),
    [
        (change("Project", "Created", "Falls"), "Amy Khan started the project."),
        (
            change("Project", "Changed", "Falls", [("Status", "Active", "Completed")]),
            "Amy Khan changed the project’s status from “Active” to “Completed”.",
        ),
        (
            change(
                "Project", "Changed", "Falls", [("Title", "Falls", "Falls"), ("Summary", "", "x")]
            ),
            "Amy Khan changed the project’s title and summary.",
        ),
        (
            change("Primary driver", "Created", "Early recognition"),
            "Amy Khan added the primary driver “Early recognition” to the driver diagram.",
        ),
        (
            change("Secondary driver", "Deleted", "Screening tool"),
            "Amy Khan removed the secondary driver “Screening tool” from the driver diagram.",
        ),
        (
            change("Change idea", "Changed", "Stamp", [("Text", "Sticker", "Stamp")]),
            "Amy Khan renamed the change idea “Sticker” to “Stamp”.",
        ),
        (
            change("PDSA cycle", "Created", "Pain score at triage: cycle 3"),
            "Amy Khan logged PDSA cycle “Pain score at triage: cycle 3”.",
        ),
        (
            change(
                "PDSA cycle",
                "Changed",
                "Pain score at triage: cycle 3",
                [("Status", "Studying", "Complete"), ("Decision", "–", "Adopt")],
            ),
            "Amy Khan completed PDSA cycle “Pain score at triage: cycle 3” and decided to adopt.",
        ),
        (
            change("PDSA cycle", "Changed", "Stamp week", [("Status", "Planned", "Doing")]),
            "Amy Khan moved PDSA cycle “Stamp week” on to doing.",
        ),
        (
            change(
                "PDSA cycle",
                "Changed",
                "Stamp week",
                [("Plan (who, what, when, where, data to collect)", "", "x"), ("Results", "", "y")],
            ),
            "Amy Khan updated PDSA cycle “Stamp week”’s plan and results.",
        ),
        (
            change(
                "Team member",
                "Created",
                "Bob Jones",
                [("User", "–", "Bob Jones"), ("Role", "–", "Team member")],
            ),
            "Amy Khan added Bob Jones to the team as a team member.",
        ),
        (
            change(
                "Team member", "Changed", "Bob Jones", [("Role", "Team member", "Project lead")]
            ),
            "Amy Khan changed Bob Jones’s role from team member to project lead.",
        ),
        (
            change("Team member", "Deleted", "Bob Jones"),
            "Amy Khan removed Bob Jones from the team.",
        ),
        (change("Project", "Created", who="System"), "The system started the project."),
    ],
)
def test_each_kind_of_change_reads_as_a_sentence(the_change, expected):
    assert sentence(the_change) == expected


def test_a_long_value_is_named_not_quoted():
    long = "x" * 200
    said = sentence(change("Project", "Changed", "Falls", [("Summary", "short", long)]))
    assert said == "Amy Khan changed the project’s summary."


def test_the_timeline_gives_each_sentence_its_day_in_words():
    (entry,) = timeline([change("Project", "Created", "Falls")])
    assert (entry.day, entry.iso) == ("3 December 2026", "2026-12-03")
    assert "as of" not in entry.sentence


def test_a_save_that_changed_nothing_recorded_is_left_out():
    assert not worth_telling(change("Project", "Changed", "Falls"))
    assert worth_telling(change("Project", "Created", "Falls"))
