"""A published story's whole public content as plain values: the archive's story page and the
public API (/api/v1/public/stories/{slug}/) both show this dict, so they cannot disagree.

No personal data: no email addresses or usernames, and team members only when each agreed to be
named (a StoryConsent). Every kind of thing is read in one query (prefetched), however many
drivers, change ideas, cycles or measures the project has.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse

from core.wording import MONTHS, long_date, plural
from learning.disclosure import threshold
from learning.models import EntryStatus, ProjectLearning, Story
from learning.presenters.impacts import impact_document, impacts_by_measure
from learning.presenters.stories import LEARNING_LABELS, amount_words, cash_words, paragraphs
from measurement.models import Measure
from measurement.readings import ASSURANCE_NAMES, VARIATION_NAMES
from projects.models import ChangeIdea, PDSACycle, PrimaryDriver, SecondaryDriver
from projects.presenters.aim import aim_words

NO_CYCLES = "No PDSA cycles recorded"


def story_prefetched(stories):
    """The stories' queryset with everything `public_story` reads, one query per kind."""
    ideas = ChangeIdea.objects.select_related("catalogue_link__entry").prefetch_related(
        Prefetch("cycles", queryset=PDSACycle.objects.order_by("start_date", "id"))
    )
    return stories.select_related("project__lead_region", "project__learning").prefetch_related(
        "project__participating_regions",
        "project__organisations",
        "project__care_settings",
        Prefetch(
            "project__primary_drivers",
            queryset=PrimaryDriver.objects.prefetch_related(
                Prefetch(
                    "secondary_drivers",
                    queryset=SecondaryDriver.objects.prefetch_related("change_ideas"),
                )
            ),
        ),
        Prefetch("project__change_ideas", queryset=ideas),
        Prefetch("published_measures", queryset=Measure.objects.order_by("name", "id")),
        "project__reported_outcomes",
        "project__members",
        "consents__user",
        "reuses",
    )


def public_story(story: Story) -> dict:
    """Everything the public may read of a published story, JSON-friendly (strings, numbers,
    booleans, None, lists and dicts; dates as ISO strings):

    - slug, title, url (its archive page), summary (the learning's summary, else the project's)
    - aim: what, for_whom, how_much, by_when (ISO or None), full
    - topic: code, label
    - lead_region: slug, name, website; participating_regions: [the same]
    - organisations: [name, type (code), type_label]; care_settings: [slug, name]
    - dates: start, completed, first_published, published (ISO or None)
    - status: code, label (the project's)
    - driver_diagram: [{text, secondaries: [{text, change_ideas: [text]}]}]
    - changes_tested: [{text, description, catalogue: [{slug, name}], cycles (count),
      first, last (ISO or None), decisions: [code], summary ("3 cycles, May–Oct 2016: adapt,
      adopt, adopt")}]
    - measures (the published charts): [{id, name, unit, chart_url, chart, rules, improvement,
      variation, assurance (each {code, words}), impacts: [impact_document]}]
    - impacts: every published measure's impacts, in the measures' order
    - learning: summary, what_worked, what_did_not, advice, sustain, spread_plan
    - reported_outcomes: [{kind, kind_label, description, amount (formatted: "£1.3m"),
      amount_value (decimal string or None), unit, period, cash_releasing, cash_words,
      estimation, source}] as the team reported them
    - contact: {text, url} (the story's contact, else the lead region's website as url)
    - team: [names of the members who agreed to be named]
    - projects_started: how many projects were started from the story

    Pass a story from `story_prefetched` (else each kind costs its own queries)."""
    project = story.project
    measures = _measures(story)
    return {
        "slug": story.slug,
        "title": project.title,
        "url": story.get_absolute_url(),
        "summary": story_summary(story),
        "aim": _aim(project),
        "topic": {"code": project.topic, "label": project.get_topic_display()},
        "lead_region": _region(project.lead_region),
        "participating_regions": [_region(r) for r in project.participating_regions.all()],
        "organisations": [
            {"name": o.name, "type": o.type, "type_label": o.get_type_display()}
            for o in project.organisations.all()
        ],
        "care_settings": [{"slug": c.slug, "name": c.name} for c in project.care_settings.all()],
        "dates": _dates(story),
        "status": {"code": project.status, "label": project.get_status_display()},
        "driver_diagram": _diagram(project),
        "changes_tested": [_change(idea) for idea in project.change_ideas.all()],
        "measures": measures,
        "impacts": [impact for measure in measures for impact in measure["impacts"]],
        "learning": _learning(project),
        "reported_outcomes": [_outcome(o) for o in project.reported_outcomes.all()],
        "contact": _contact(story),
        "team": _team(story),
        "projects_started": len(story.reuses.all()),
    }


def story_summary(story: Story) -> str:
    learning = _learning_of(story.project)
    return (learning.summary if learning else "").strip() or story.project.summary.strip()


def _learning_of(project) -> ProjectLearning | None:
    try:
        return project.learning
    except ProjectLearning.DoesNotExist:
        return None


def _aim(project) -> dict:
    return {
        "what": project.aim_what,
        "for_whom": project.aim_for_whom,
        "how_much": project.aim_how_much,
        "by_when": _iso(project.aim_by_when),
        "full": project.aim_text,
    }


def _region(region) -> dict:
    return {"slug": region.slug, "name": region.name, "website": region.website}


def _dates(story: Story) -> dict:
    return {
        "start": _iso(story.project.start_date),
        "completed": _iso(story.project.completed_on),
        "first_published": _iso(story.first_published_at),
        "published": _iso(story.published_at),
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _diagram(project) -> list[dict]:
    return [
        {
            "text": primary.text,
            "secondaries": [
                {
                    "text": secondary.text,
                    "change_ideas": [idea.text for idea in secondary.change_ideas.all()],
                }
                for secondary in primary.secondary_drivers.all()
            ],
        }
        for primary in project.primary_drivers.all()
    ]


def _change(idea: ChangeIdea) -> dict:
    cycles = list(idea.cycles.all())
    link = getattr(idea, "catalogue_link", None)
    if link is not None and link.entry.status != EntryStatus.PUBLISHED:
        link = None  # a draft entry is not public
    first = cycles[0].start_date if cycles else None
    last = max((c.end_date or c.start_date for c in cycles), default=None)
    decisions = [c.decision for c in cycles if c.decision]
    return {
        "text": idea.text,
        "description": idea.description,
        "catalogue": [{"slug": link.entry.slug, "name": link.entry.name}] if link else [],
        "cycles": len(cycles),
        "first": _iso(first),
        "last": _iso(last),
        "decisions": decisions,
        "summary": ramp_summary(len(cycles), first, last, decisions),
    }


def ramp_summary(count: int, first: date | None, last: date | None, decisions: list[str]) -> str:
    """'3 cycles, May–Oct 2016: adapt, adopt, adopt'."""
    if not count or first is None or last is None:
        return NO_CYCLES
    noun = "cycle" if count == 1 else "cycles"
    text = f"{count} {noun}, {month_span(first, last)}"
    return f"{text}: {', '.join(decisions)}" if decisions else text


def month_span(first: date, last: date) -> str:
    """'May 2016', 'May–Oct 2016', 'Nov 2016–Feb 2017'."""

    def month(day: date) -> str:
        return MONTHS[day.month - 1][:3]

    if (first.year, first.month) == (last.year, last.month):
        return f"{month(first)} {first.year}"
    if first.year == last.year:
        return f"{month(first)}–{month(last)} {last.year}"
    return f"{month(first)} {first.year}–{month(last)} {last.year}"


def _measures(story: Story) -> list[dict]:
    measures = list(story.published_measures.all())
    for measure in measures:
        measure.project = story.project  # already read: the impacts need its end date
    impacts = impacts_by_measure(measures)
    return [_measure(story, m, impacts[m.pk]) for m in measures]


def _measure(story: Story, measure: Measure, impacts) -> dict:
    return {
        "id": measure.pk,
        "name": measure.name,
        "unit": measure.unit,
        "chart_url": reverse("learning:archive_chart", args=[story.slug, measure.pk]),
        "chart": {"code": measure.chart, "words": measure.get_chart_display()},
        "rules": {"code": measure.rules, "words": measure.get_rules_display()},
        "improvement": {"code": measure.improvement, "words": measure.get_improvement_display()},
        "variation": {
            "code": measure.variation,
            "words": VARIATION_NAMES.get(measure.variation, "Not enough data yet")
            if measure.variation
            else "Not enough data yet",
        },
        "assurance": {
            "code": measure.assurance,
            "words": ASSURANCE_NAMES.get(measure.assurance, "") if measure.assurance else "",
        },
        "impacts": [impact_document(measure, impact) for impact in impacts],
    }


def _learning(project) -> dict:
    learning = _learning_of(project)
    return {name: getattr(learning, name, "") for name in ProjectLearning.TEXT_FIELDS}


def _outcome(outcome) -> dict:
    return {
        "kind": outcome.kind,
        "kind_label": outcome.get_kind_display(),
        "description": outcome.description,
        "amount": amount_words(outcome.amount, outcome.unit),
        "amount_value": None if outcome.amount is None else str(outcome.amount),
        "unit": outcome.unit,
        "period": outcome.period,
        "cash_releasing": outcome.cash_releasing,
        "cash_words": cash_words(outcome.cash_releasing),
        "estimation": outcome.estimation,
        "source": outcome.source,
    }


def _contact(story: Story) -> dict:
    """The story's own contact (a team or collaborative mailbox), else the region's website."""
    if story.contact.strip():
        return {"text": story.contact.strip(), "url": ""}
    region = story.project.lead_region
    return {"text": f"{region.name}: {region.website}", "url": region.website}


def _team(story: Story) -> list[str]:
    """Names of the members who agreed to be named (and are still on the team); never a
    username: someone without a full name is left out."""
    members = {m.user_id for m in story.project.members.all()}
    names = defaultdict(str)
    for consent in story.consents.all():
        if consent.user_id in members:
            names[consent.user_id] = consent.user.get_full_name().strip()
    return sorted(name for name in names.values() if name)


# For the story page's templates ---------------------------------------------------------------


def learning_rows(content: dict) -> list[dict]:
    """The learning written down, as headed paragraphs (what was not written is left out)."""
    return [
        {"label": LEARNING_LABELS[name], "paragraphs": paragraphs(content["learning"][name])}
        for name in ProjectLearning.TEXT_FIELDS
        if content["learning"][name].strip()
    ]


def outcome_cards(content: dict) -> list[dict]:
    """The reported outcomes as the stories' outcome cards show them."""
    return [
        {
            "pk": f"public-{n}",
            "kind": outcome["kind_label"],
            "description": outcome["description"],
            "amount": outcome["amount"],
            "period": outcome["period"] or "Not given",
            "cash": outcome["cash_words"],
            "estimation": outcome["estimation"] or "Not given",
            "source": outcome["source"] or "Not given",
        }
        for n, outcome in enumerate(content["reported_outcomes"], start=1)
    ]


def page_words(content: dict) -> dict:
    """The story page's sentences and facts, from `public_story`'s dict."""
    dates = content["dates"]
    started = content["projects_started"]
    first, latest = dates["first_published"], dates["published"]
    return {
        "aim_text": aim_sentence(content["aim"]),
        "facts": [
            ("Topic", content["topic"]["label"]),
            ("Care settings", ", ".join(c["name"] for c in content["care_settings"]) or "–"),
            ("Started", _long(dates["start"])),
            ("Completed", _long(dates["completed"]) if dates["completed"] else "Not yet"),
            ("Status", content["status"]["label"]),
        ],
        "outcomes": outcome_cards(content),
        "learning": learning_rows(content),
        "started": f"{plural(started, 'project')} started from this story."
        if started
        else "No projects have been started from this story yet.",
        "first_published": _long(first),
        "updated": _long(latest) if latest and latest[:10] != (first or "")[:10] else "",
        "threshold": threshold(),
    }


def aim_sentence(aim: dict) -> str:
    """The aim as the project's pages word it (projects.presenters.aim): the parts made one
    sentence, the aim in full when there is no "what"."""
    if not aim["what"].strip() and aim["full"].strip():
        return aim["full"].strip()
    by_when = date.fromisoformat(aim["by_when"][:10]) if aim["by_when"] else None
    return aim_words(aim["what"], aim["for_whom"], aim["how_much"], by_when) or "Not given"


def _long(iso: str | None) -> str:
    return long_date(date.fromisoformat(iso[:10])) if iso else "Not given"
