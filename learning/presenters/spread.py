"""The spread pages of an entry and of a programme: the sentence, the step chart with its text
alternative and table, the breakdowns by region and type, and the adoptions themselves.

A programme's spread is the distinct organisations adopting its package or any entry in it.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import NoReverseMatch, reverse
from markupsafe import Markup

from core.wording import long_date, plural
from learning import access
from learning.models import Adoption, AdoptionSource, AdoptionStatus
from learning.spread import (
    AdoptionFact,
    breakdown,
    count_before,
    count_on,
    cumulative,
    spread_sentence,
)
from learning.spread_svg import Marker, spread_svg
from regions.models import OrganisationType

TYPE_LABELS = dict(OrganisationType.choices)


def with_columns(adoptions):
    """Everything the pages show of each adoption, in one query."""
    return adoptions.select_related(
        "organisation__region", "entry", "package_of", "source_project", "source_programme"
    ).order_by("adopted_on", "organisation__name", "id")


def facts_of(adoptions) -> list[AdoptionFact]:
    return [
        AdoptionFact(
            a.organisation_id,
            a.organisation.name,
            a.organisation.type,
            a.organisation.region.name,
            a.adopted_on,
            a.status,
        )
        for a in adoptions
    ]


@dataclass(frozen=True)
class Period:
    """What the sentence compares: before `start` and on `end`, in words."""

    start: date
    end: date
    before_words: str  # "before the programme began on 1 April 2016"
    after_words: str  # "at its end on 31 March 2017"


def programme_period(programme, today: date) -> Period:
    if programme.end_date and programme.end_date <= today:
        end, after = programme.end_date, f"at its end on {long_date(programme.end_date)}"
    else:
        end, after = today, f"today ({long_date(today)})"
    return Period(
        programme.start_date,
        end,
        f"before the programme began on {long_date(programme.start_date)}",
        after,
    )


def entry_period(facts, today: date) -> Period:
    """From the end of the first year with an adoption to today; from the first adoption when
    that year is this one."""
    dates = [step.on for step in cumulative(facts)]
    if not dates:
        return Period(today, today, "", f"today ({long_date(today)})")
    first = dates[0]
    if first.year < today.year:
        start, before = date(first.year + 1, 1, 1), f"at the end of {first.year}"
    else:
        start, before = first, f"before the first, on {long_date(first)}"
    return Period(start, today, before, f"today ({long_date(today)})")


def spread_context(*, user, adoptions, period_of, markers, name: str, today: date) -> dict:
    """`period_of(facts)` gives the Period the sentence compares."""
    rows = list(with_columns(adoptions))
    facts = facts_of(rows)
    period = period_of(facts)
    steps = cumulative(facts)
    sentence = spread_sentence(facts, start=period.start, end=period.end)
    return {
        "sentence": sentence,
        "period": period,
        "count_now": count_on(facts, today),
        "count_before": count_before(facts, period.start),
        "count_after": count_on(facts, period.end),
        "chart": _chart(steps, markers, name, sentence, period),
        "steps": [
            {"on": long_date(s.on), "count": s.count, "added": ", ".join(s.added)} for s in steps
        ],
        "by_region": breakdown(facts, "region", start=period.start, end=period.end),
        "by_type": breakdown(facts, "type", start=period.start, end=period.end, labels=TYPE_LABELS),
        "adoptions": adoption_rows(user, rows),
    }


def _chart(steps, markers, name, sentence, period) -> Markup:
    if steps:
        desc = (
            f"A step chart of organisations adopting {name}: {sentence} ({period.before_words}; "
            f"{period.after_words}). The first began on {long_date(steps[0].on)}; "
            f"{plural(steps[-1].count, 'organisation')} by {long_date(steps[-1].on)}."
        )
    else:
        desc = f"A step chart of organisations adopting {name}: none yet."
    desc += "".join(f" {m.label}: {long_date(m.on)}." for m in markers)
    return Markup(
        spread_svg(
            ident="spread-chart",
            title=f"Organisations adopting {name}",
            desc=desc,
            steps=[(s.on, s.count) for s in steps],
            markers=markers,
            # A finished programme's chart ends soon after its end (or its last adoption), not
            # years later at today: the flat line since would squeeze the spread into a corner.
            today=period.end,
        )
    )


def programme_markers(programme) -> list[Marker]:
    markers = [Marker(programme.start_date, "Programme start")]
    if programme.end_date:
        markers.append(Marker(programme.end_date, "Programme end"))
    return markers


def adoption_rows(user, adoptions) -> list[dict]:
    """Each adoption as the tables show it; an edit link where the user may change it (one
    query for all of them)."""
    editable = set(
        access.adoptions_editable_by(user)
        .filter(id__in=[a.pk for a in adoptions])
        .values_list("id", flat=True)
    )
    return [
        {
            "organisation": str(a.organisation),
            "organisation_href": a.organisation.get_absolute_url(),
            "region": a.organisation.region.name,
            "type": TYPE_LABELS.get(a.organisation.type, a.organisation.type),
            "adopts": str(a.adopts),
            "adopts_href": _adopts_href(a),
            "adopted_on": long_date(a.adopted_on),
            "status": a.get_status_display(),
            "source": source_words(a),
            "edit_href": (
                reverse("learning:adoption_update", args=[a.pk]) if a.pk in editable else ""
            ),
        }
        for a in adoptions
    ]


def _adopts_href(adoption: Adoption) -> str:
    if adoption.entry_id:
        return reverse("learning:change_spread", args=[adoption.entry.slug])
    return reverse("learning:programme_spread", args=[adoption.package_of.slug])


def source_words(adoption: Adoption) -> str:
    named = adoption.source_project or adoption.source_programme
    words = f"{adoption.get_source_display()}: {named}" if named else ""
    words = words or ("Elsewhere" if adoption.source == "elsewhere" else "")
    if adoption.source_note:
        words = f"{words} ({adoption.source_note})" if words else adoption.source_note
    return words


def _href(name: str, *args) -> str:
    """The page's address, or "" while the part that makes it is not there yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def breadcrumbs(*, entry=None, programme=None) -> list[dict]:
    crumbs = [{"text": "Home", "href": reverse("home")}]
    if entry is not None:
        crumbs += [
            {"text": "Changes", "href": _href("learning:change_list")},
            {"text": entry.name, "href": _href("learning:change_detail", entry.slug)},
        ]
    if programme is not None:
        crumbs += [
            {"text": "Programmes", "href": _href("learning:programme_list")},
            {"text": programme.name, "href": _href("learning:programme_detail", programme.slug)},
        ]
    return [crumb for crumb in crumbs if crumb["href"]]


def history_rows(adoption) -> list[dict]:
    """Every version of the adoption, newest first: when, who, and what it said then."""
    versions = adoption.history.select_related("history_user").order_by("-history_date")
    return [
        {
            "when": long_date(version.history_date.date()),
            "who": (version.history_user.get_full_name() or version.history_user.username)
            if version.history_user
            else "–",
            "status": AdoptionStatus(version.status).label,
            "adopted_on": long_date(version.adopted_on),
            "source": AdoptionSource(version.source).label,
        }
        for version in versions
    ]
