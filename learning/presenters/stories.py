"""What the learning, outcomes and story pages show: looked up through the access policy, turned
into words, tags and rows so the templates hold no logic."""

from decimal import Decimal

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from core.lookup import visible_or_404
from core.wording import long_date
from learning import access
from learning.models import ProjectLearning, ReportedOutcome, Story, StoryAction, StoryStatus
from measurement.presenters.measure import variation_tag
from projects.access import projects_visible_to

LEARNING_HINTS = {
    "summary": "What the project set out to do and what happened, in a few sentences. "
    "This is what people read first.",
    "what_worked": "The changes that made the difference, and why you think they did.",
    "what_did_not": "What you tried that did not help, so others need not try it.",
    "advice": "What you would tell a team starting the same work tomorrow.",
    "sustain": "How the change is kept going: audits, training, who owns it.",
    "spread_plan": "Where the change goes next, and who is taking it there.",
}
LEARNING_LABELS = {
    "summary": "Summary",
    "what_worked": "What worked",
    "what_did_not": "What did not work",
    "advice": "Advice for a team starting the same work",
    "sustain": "How the change is being sustained",
    "spread_plan": "The plan to spread it",
}
STATUS_TAGS = {
    StoryStatus.DRAFT: "nhsuk-tag--grey",
    StoryStatus.SUBMITTED: "nhsuk-tag--yellow",
    StoryStatus.RETURNED: "nhsuk-tag--orange",
    StoryStatus.PUBLISHED: "nhsuk-tag--green",
    StoryStatus.WITHDRAWN: "nhsuk-tag--red",
}
NOT_STARTED = "Not submitted yet"


# Looking things up ---------------------------------------------------------------------------


def project_or_404(request, pk: int):
    return visible_or_404(
        projects_visible_to(request.user).select_related("lead_region"),
        f"There is no project with the id {pk}.",
        pk=pk,
    )


def outcome_or_404(request, pk: int) -> ReportedOutcome:
    return visible_or_404(
        ReportedOutcome.objects.filter(
            project__in=projects_visible_to(request.user)
        ).select_related("project"),
        f"There is no reported outcome with the id {pk}.",
        pk=pk,
    )


def learning_of(project) -> ProjectLearning | None:
    return ProjectLearning.objects.filter(project=project).select_related("updated_by").first()


def story_or_none(request, project) -> Story | None:
    """The project's story if it has one (the pages make none: submitting does)."""
    return access.stories_visible_to(request.user).filter(project=project).first()


# Learning ------------------------------------------------------------------------------------


def learning_rows(learning: ProjectLearning | None) -> list[dict]:
    return [
        {
            "name": name,
            "label": LEARNING_LABELS[name],
            "paragraphs": paragraphs(getattr(learning, name, "") if learning else ""),
        }
        for name in ProjectLearning.TEXT_FIELDS
    ]


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def last_changed(learning: ProjectLearning | None) -> str:
    if learning is None or learning.pk is None:
        return "Not written yet."
    when = _day(learning.updated_at)
    who = f" by {learning.updated_by}" if learning.updated_by else ""
    return f"Last changed{who} on {when}."


# Reported outcomes ---------------------------------------------------------------------------


def _number(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def amount_words(amount: Decimal | None, unit: str) -> str:
    """'£1.3m', '£300,000', '120 bed-days'; 'No amount given' when there is none."""
    if amount is None:
        return "No amount given"
    if unit == "£":
        if amount >= 1_000_000:
            millions = f"{amount / 1_000_000:.1f}".removesuffix(".0")
            return f"£{millions}m"
        return f"£{_number(amount)}"
    return f"{_number(amount)} {unit}".strip()


def cash_words(cash_releasing: bool | None) -> str:
    if cash_releasing is None:
        return "Not known"
    return "Cash-releasing" if cash_releasing else "Not cash-releasing"


def outcome_rows(outcomes) -> list[dict]:
    return [
        {
            "pk": outcome.pk,
            "kind": outcome.get_kind_display(),
            "description": outcome.description,
            "amount": amount_words(outcome.amount, outcome.unit),
            "period": outcome.period or "Not given",
            "cash": cash_words(outcome.cash_releasing),
            "estimation": outcome.estimation or "Not given",
            "source": outcome.source or "Not given",
        }
        for outcome in outcomes
    ]


def outcomes_of(project) -> list[dict]:
    return outcome_rows(ReportedOutcome.objects.filter(project=project))


# The story -----------------------------------------------------------------------------------


def status_tag(story: Story | None) -> dict:
    if story is None:
        return {"text": NOT_STARTED, "classes": STATUS_TAGS[StoryStatus.DRAFT]}
    text = NOT_STARTED if story.status == StoryStatus.DRAFT else story.get_status_display()
    return {"text": text, "classes": STATUS_TAGS[story.status]}


def step_rows(story: Story | None) -> list[dict]:
    if story is None:
        return []
    return [
        {
            "action": step.get_action_display(),
            "who": str(step.by) if step.by else "Someone no longer here",
            "when": _day(step.at),
            "comment": step.comment,
        }
        for step in story.steps.select_related("by").order_by("-at", "-id")
    ]


def measure_rows(project, chosen_ids: set[int]) -> list[dict]:
    """The project's measures to choose charts from, each with what its chart says now."""
    return [
        {
            "pk": measure.pk,
            "name": measure.name,
            "variation": variation_tag(measure.variation)["text"],
            "checked": measure.pk in chosen_ids,
        }
        for measure in project.measures.order_by("name", "id")
    ]


def review_rows(user) -> list[dict]:
    """The stories waiting for `user` to review, oldest first, in one query."""
    stories = (
        access.stories_reviewable_by(user)
        .filter(status=StoryStatus.SUBMITTED)
        .select_related("project__lead_region")
        .annotate(submitted_at=Max("steps__at", filter=Q(steps__action=StoryAction.SUBMITTED)))
        .order_by("submitted_at", "id")
    )
    return [
        {
            "title": story.project.title,
            "region": story.project.lead_region.name,
            "since": _day(story.submitted_at or story.updated_at),
            "review_href": reverse("learning:story_review", args=[story.project_id]),
            "story_href": reverse("learning:story", args=[story.project_id]),
        }
        for story in stories
    ]


def _day(moment) -> str:
    return long_date(timezone.localtime(moment).date())


def breadcrumbs(project) -> list[dict]:
    return [
        {"text": "Home", "href": reverse("home")},
        {"text": "Projects", "href": reverse("projects:portfolio")},
        {"text": project.title, "href": project.get_absolute_url()},
    ]
