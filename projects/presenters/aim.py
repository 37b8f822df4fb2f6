"""A project's aim as one sentence, as every page and the driver diagram word it.

The form takes the aim in four parts (what, for whom, how much, by when), any of them blank, and
"how much" is written freely: "25%", "to 85%", "from 60% to 90%", "zero never events". The
sentence joins whatever is there so it reads as English: "Improve falls for older inpatients from
60% to 90% by 31 March 2017." rather than "…by from 60% to 90%…".
"""

import re
from datetime import date

from core.wording import long_date
from projects.models import Project

# "What" may start with its own verb ("Reduce falls"): then it is not put after "Improve".
VERBS = frozenset(
    [
        "improve",
        "reduce",
        "increase",
        "decrease",
        "raise",
        "lower",
        "cut",
        "halve",
        "double",
        "eliminate",
        "prevent",
        "stop",
        "end",
        "achieve",
        "reach",
        "sustain",
        "maintain",
        "keep",
    ]
)
# "How much" that already says how it relates to the measure ("to 85%", "from 60% to 90%").
LEADING_WORDS = ("by", "to", "from", "up to", "down to", "below", "under", "above", "over")
# A change by an amount: "25%", "20 per cent", "10 points", "a third", "half".
AMOUNT = re.compile(
    r"^(?:[0-9][0-9,.]*\s*(?:%|per ?cent|percentage points?|points?|pp)?"
    r"|(?:a|one)\s+(?:half|third|quarter|fifth|tenth)|half)$",
    re.IGNORECASE,
)
NOTHING = re.compile(r"^(?:0|zero|nil|none)$", re.IGNORECASE)
SUBJECT_WHEN_NO_WHAT = "care"


def aim_sentence(project: Project) -> str:
    """'Improve falls with harm for older inpatients by 20% by 31 March 2017.'

    The aim in full stands in when there is no "what"; blank when nothing is written."""
    if not project.aim_what.strip() and project.aim_text.strip():
        return project.aim_text
    return aim_words(
        project.aim_what, project.aim_for_whom, project.aim_how_much, project.aim_by_when
    )


def aim_words(what: str, for_whom: str, how_much: str, by_when: date | None) -> str:
    """One sentence from the four parts of an aim, any of them blank ("" when all are)."""
    what, for_whom, how_much = (_tidy(part) for part in (what, for_whom, how_much))
    if not (what or for_whom or how_much or by_when):
        return ""
    parts = [_what_phrase(what or SUBJECT_WHEN_NO_WHAT)]
    if for_whom:
        parts.append(f"for {_without_leading(for_whom, 'for')}")
    if how_much:
        parts.append(how_much_phrase(how_much))
    if by_when:
        parts.append(f"by {long_date(by_when)}")
    return " ".join(parts) + "."


def how_much_phrase(how_much: str) -> str:
    """'25%' -> 'by 25%'; 'to 85%', 'from 60% to 90%' as written; a level such as 'zero never
    events' or 'one every 30 days' -> 'to zero never events'."""
    how_much = _tidy(how_much)
    first = how_much.split(" ", 1)[0].lower()
    for words in LEADING_WORDS:
        if how_much.lower() == words or how_much.lower().startswith(f"{words} "):
            return first + how_much[len(first) :]
    if AMOUNT.match(how_much) and not NOTHING.match(how_much):
        return f"by {how_much}"
    return f"to {how_much}"


def _what_phrase(what: str) -> str:
    what = _without_leading(what, "to")
    if what.split(" ", 1)[0].lower() in VERBS:
        return what[0].upper() + what[1:]
    return f"Improve {_lower_first(what)}"


def _lower_first(text: str) -> str:
    """'Verbal swab counts' reads 'verbal swab counts' after 'Improve'; 'NEWS', 'AKI' stay."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def _without_leading(text: str, word: str) -> str:
    if text.lower().startswith(f"{word} "):
        return text[len(word) + 1 :].lstrip()
    return text


def _tidy(part: str | None) -> str:
    """Spaces squeezed, and no full stop of its own: the sentence ends once."""
    return " ".join((part or "").split()).rstrip(".").strip()
