"""The aim reads as one correct sentence for every combination of its four parts."""

import itertools
import re
from datetime import date

import pytest

from projects.models import Project
from projects.presenters.aim import aim_sentence, aim_words, how_much_phrase

WHAT, FOR_WHOM, BY_WHEN = "falls with harm", "older inpatients", date(2017, 3, 31)

# Each way people write "how much", and how the sentence should say it.
HOW_MUCH = {
    "25%": "by 25%",
    "to 85%": "to 85%",
    "from 60% to 90%": "from 60% to 90%",
    "by 20%": "by 20%",
    "zero never events": "to zero never events",
    "one every 30 days": "to one every 30 days",
    "10 points": "by 10 points",
}

PRESENCE = list(itertools.product([True, False], repeat=4))  # what, for whom, how much, by when


def _expected(what: bool, for_whom: bool, how_much: str | None, by_when: bool) -> str:
    parts = ["Improve " + (WHAT if what else "care")]
    if for_whom:
        parts.append(f"for {FOR_WHOM}")
    if how_much:
        parts.append(HOW_MUCH[how_much])
    if by_when:
        parts.append("by 31 March 2017")
    return " ".join(parts) + "."


def _cases():
    for what, for_whom, has_how_much, by_when in PRESENCE:
        for how_much in HOW_MUCH if has_how_much else [None]:
            label = "-".join(
                name
                for name, present in (
                    ("what", what),
                    ("whom", for_whom),
                    (f"much={how_much}", has_how_much),
                    ("when", by_when),
                )
                if present
            )
            yield pytest.param(what, for_whom, how_much, by_when, id=label or "nothing")


def _assert_reads_as_one_sentence(sentence: str) -> None:
    assert sentence[0].isupper()
    assert sentence.endswith(".") and not sentence.endswith("..")
    assert sentence.count(".") == 1
    assert "  " not in sentence
    for doubled in ("by to", "by from", "by by", "to to", "for for", "by zero", "by one every"):
        assert f" {doubled} " not in f" {sentence} ", sentence


@pytest.mark.parametrize(("what", "for_whom", "how_much", "by_when"), list(_cases()))
def test_every_combination_of_parts_reads_as_one_sentence(what, for_whom, how_much, by_when):
    if not (what or for_whom or how_much or by_when):
        assert aim_words("", "", "", None) == ""
        return
    sentence = aim_words(
        WHAT if what else "",
        FOR_WHOM if for_whom else "",
        how_much or "",
        BY_WHEN if by_when else None,
    )
    assert sentence == _expected(what, for_whom, how_much, by_when)
    _assert_reads_as_one_sentence(sentence)


def test_there_are_sixteen_presence_combinations_and_every_how_much_shape_is_tried():
    cases = list(_cases())
    assert len(PRESENCE) == 16
    assert len(cases) == 8 * len(HOW_MUCH) + 8


@pytest.mark.parametrize(
    ("parts", "sentence"),
    [
        (
            (WHAT, FOR_WHOM, "to 85%", BY_WHEN),
            "Improve falls with harm for older inpatients to 85% by 31 March 2017.",
        ),
        (
            ("hand hygiene compliance", "", "from 60% to 90%", BY_WHEN),
            "Improve hand hygiene compliance from 60% to 90% by 31 March 2017.",
        ),
        (
            ("Reduce never events", "surgical patients", "zero never events", None),
            "Reduce never events for surgical patients to zero never events.",
        ),
        (
            ("pressure ulcers", "", "one every 30 days", None),
            "Improve pressure ulcers to one every 30 days.",
        ),
        (("patient experience", "", "10 points", None), "Improve patient experience by 10 points."),
    ],
)
def test_the_reported_examples_read_correctly(parts, sentence):
    assert aim_words(*parts) == sentence


@pytest.mark.parametrize(
    ("written", "phrase"),
    [
        ("To 85%", "to 85%"),
        ("From 60% to 90%.", "from 60% to 90%"),
        ("By 20%", "by 20%"),
        ("up to 95%", "up to 95%"),
        ("below 5 a month", "below 5 a month"),
        ("20 per cent", "by 20 per cent"),
        ("a third", "by a third"),
        ("half", "by half"),
        ("0", "to 0"),
        ("zero", "to zero"),
        ("at least 95%", "to at least 95%"),
        ("  25 %  ", "by 25 %"),
    ],
)
def test_how_much_gets_one_linking_word_however_it_is_written(written, phrase):
    assert how_much_phrase(written) == phrase


def test_parts_that_bring_their_own_words_are_not_doubled():
    sentence = aim_words("to reduce falls.", "for older inpatients", "by 20%.", BY_WHEN)
    assert sentence == "Reduce falls for older inpatients by 20% by 31 March 2017."


def test_the_aim_in_full_stands_in_when_there_is_no_what():
    project = Project(aim_what="", aim_how_much="20%", aim_text="Halve falls on ward 7.")
    assert aim_sentence(project) == "Halve falls on ward 7."


def test_a_project_with_its_parts_reads_them_as_one_sentence():
    project = Project(
        aim_what=WHAT, aim_for_whom=FOR_WHOM, aim_how_much="from 60% to 90%", aim_by_when=BY_WHEN
    )
    assert aim_sentence(project) == (
        "Improve falls with harm for older inpatients from 60% to 90% by 31 March 2017."
    )
    assert re.search(r"\bby (to|from)\b", aim_sentence(project)) is None


def test_a_project_with_no_aim_at_all_has_a_blank_one():
    assert aim_sentence(Project()) == ""


@pytest.mark.parametrize(
    ("what", "sentence"),
    [
        ("Verbal swab counts at handover", "Improve verbal swab counts at handover."),
        ("NEWS within an hour", "Improve NEWS within an hour."),
        ("AKI incidence", "Improve AKI incidence."),
    ],
)
def test_a_what_after_improve_starts_in_lower_case_unless_it_is_an_acronym(what, sentence):
    assert aim_words(what, "", "", None) == sentence
