"""Writing down what a project learned and achieved, and taking its story to the public archive.

The team drafts the learning and its reported outcomes at any time. The project lead (or a lead
of its regions, or a national admin) submits the story once the summary is written; a lead of
its regions (or a national admin) publishes it, choosing the measures whose charts the public
sees, or sends it back with a comment; a published story can be withdrawn with a reason and
submitted again. Every step is a `StoryStep` (who, when, what was said).

Permission: the checks of learning.services.permissions, made here whatever the caller checked.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.keywords import NOT_GIVEN, given
from learning.models import (
    ProjectLearning,
    ReportedOutcome,
    Story,
    StoryAction,
    StoryConsent,
    StoryStatus,
    StoryStep,
)
from learning.services.permissions import (
    check_may_consent,
    check_may_review_story,
    check_may_submit_story,
    check_may_withdraw_story,
    check_may_write_learning,
)
from projects.models import Project
from regions.models import User

SLUG_MAX = 120
SUBMITTABLE = (StoryStatus.DRAFT, StoryStatus.RETURNED, StoryStatus.WITHDRAWN)


# The story itself ----------------------------------------------------------------------------


# The archive's own addresses under /archive/: a story called "Feed" must not hide the feed.
RESERVED_SLUGS = {"feed"}


def unique_slug(title: str) -> str:
    """A slug from `title` that no story has yet: 'swab-counts', then 'swab-counts-2'..."""
    base = slugify(title)[: SLUG_MAX - 5].strip("-") or "story"
    taken = set(Story.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def story_of(project: Project) -> Story:
    """The project's story, a draft made now if it has none."""
    story = Story.objects.filter(project=project).first()
    if story is not None:
        return story
    # get_or_create: a second request making the same draft at the same moment gets this one.
    story, _ = Story.objects.get_or_create(
        project=project, defaults={"slug": unique_slug(project.title)}
    )
    return story


def _locked(story: Story) -> Story:
    """The story, locked for this transaction and read afresh (another step may have come first)."""
    Story.objects.select_for_update().filter(pk=story.pk).exists()
    story.refresh_from_db()
    return story


def _step(story: Story, by: User, action: str, comment: str = "") -> StoryStep:
    return StoryStep.objects.create(story=story, action=action, comment=comment.strip(), by=by)


def _save_status(story: Story, by: User, status: str) -> None:
    story.status = status
    story._history_user = by
    story.save()


def _required(name: str, value: str, message: str) -> str:
    if not (value or "").strip():
        raise ValidationError({name: message})
    return value.strip()


# Learning ------------------------------------------------------------------------------------


@transaction.atomic
def save_learning(
    *,
    by: User,
    project: Project,
    summary=NOT_GIVEN,
    what_worked=NOT_GIVEN,
    what_did_not=NOT_GIVEN,
    advice=NOT_GIVEN,
    sustain=NOT_GIVEN,
    spread_plan=NOT_GIVEN,
) -> ProjectLearning:
    """Writes the fields given of the project's learning (made now if it has none)."""
    changes = given(locals(), leave_out=("by", "project"))
    check_may_write_learning(by, project)
    learning = ProjectLearning.objects.select_for_update().filter(
        project=project
    ).first() or ProjectLearning(project=project)
    for name, value in changes.items():
        setattr(learning, name, (value or "").strip())
    learning.updated_by = by
    learning._history_user = by
    learning.full_clean()
    learning.save()
    story = Story.objects.filter(project=project, status=StoryStatus.PUBLISHED).first()
    if story is not None:
        refresh_search_text(story)
    return learning


# Reported outcomes ---------------------------------------------------------------------------

OUTCOME_FIELDS = (
    "kind",
    "description",
    "amount",
    "unit",
    "period",
    "cash_releasing",
    "estimation",
    "source",
)


def _amount(value):
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({"amount": "Give the amount as a number, like 300000"}) from None
    if not amount.is_finite():
        raise ValidationError({"amount": "Give the amount as a number, like 300000"})
    if amount < 0:
        raise ValidationError({"amount": "The amount cannot be negative"})
    return amount


def _save_outcome(outcome: ReportedOutcome, by: User, changes: dict) -> ReportedOutcome:
    if "amount" in changes:
        changes["amount"] = _amount(changes["amount"])
    for name, value in changes.items():
        setattr(outcome, name, value.strip() if isinstance(value, str) else value)
    if not (outcome.description or "").strip():
        raise ValidationError({"description": "Describe what was achieved"})
    outcome._history_user = by
    outcome.full_clean(exclude=["project", "recorded_by"])
    outcome.save()
    return outcome


@transaction.atomic
def add_outcome(
    *,
    by: User,
    project: Project,
    kind=NOT_GIVEN,
    description=NOT_GIVEN,
    amount=NOT_GIVEN,
    unit=NOT_GIVEN,
    period=NOT_GIVEN,
    cash_releasing=NOT_GIVEN,
    estimation=NOT_GIVEN,
    source=NOT_GIVEN,
) -> ReportedOutcome:
    """Records a result the team reports (a saving, or another outcome), as they report it."""
    changes = given(locals(), leave_out=("by", "project"))
    check_may_write_learning(by, project)
    return _save_outcome(ReportedOutcome(project=project, recorded_by=by), by, changes)


@transaction.atomic
def update_outcome(
    *,
    by: User,
    outcome: ReportedOutcome,
    kind=NOT_GIVEN,
    description=NOT_GIVEN,
    amount=NOT_GIVEN,
    unit=NOT_GIVEN,
    period=NOT_GIVEN,
    cash_releasing=NOT_GIVEN,
    estimation=NOT_GIVEN,
    source=NOT_GIVEN,
) -> ReportedOutcome:
    """Changes the fields given of a reported outcome."""
    changes = given(locals(), leave_out=("by", "outcome"))
    check_may_write_learning(by, outcome.project)
    return _save_outcome(outcome, by, changes)


@transaction.atomic
def remove_outcome(*, by: User, outcome: ReportedOutcome) -> None:
    check_may_write_learning(by, outcome.project)
    outcome._history_user = by
    outcome.delete()


# The way to the archive ----------------------------------------------------------------------


@transaction.atomic
def submit_story(*, by: User, project: Project, contact=NOT_GIVEN, comment="") -> Story:
    """Sends the story for review by a lead of the project's regions."""
    check_may_submit_story(by, project)
    story = _locked(story_of(project))
    if story.status not in SUBMITTABLE:
        raise ValidationError(
            {"status": f"The story is {story.get_status_display().lower()}: it cannot be submitted"}
        )
    learning = ProjectLearning.objects.filter(project=project).first()
    if learning is None or not learning.summary.strip():
        raise ValidationError(
            {"summary": "Write a summary of the learning before submitting the story"}
        )
    if contact is not NOT_GIVEN:
        story.contact = (contact or "").strip()
        story.full_clean(exclude=["project", "published_measures"])
    _save_status(story, by, StoryStatus.SUBMITTED)
    _step(story, by, StoryAction.SUBMITTED, comment)
    return story


def _check_measures(story: Story, measures) -> list:
    measures = list(measures)
    strangers = [m for m in measures if m.project_id != story.project_id]
    if strangers:
        names = ", ".join(f"“{m.name}”" for m in strangers)
        raise ValidationError(
            {"measures": f"Only the project's own measures can be published; not {names}"}
        )
    return measures


@transaction.atomic
def publish_story(*, by: User, story: Story, measures, comment="") -> Story:
    """Publishes a submitted story with the charts of `measures`; on a published story, changes
    the charts shown."""
    check_may_review_story(by, story.project)
    story = _locked(story)
    if story.status == StoryStatus.PUBLISHED:
        return set_published_charts(by=by, story=story, measures=measures)
    if story.status != StoryStatus.SUBMITTED:
        raise ValidationError(
            {
                "status": f"The story is {story.get_status_display().lower()}: only a story "
                "waiting for review can be published"
            }
        )
    measures = _check_measures(story, measures)
    now = timezone.now()
    story.published_at = now
    story.first_published_at = story.first_published_at or now
    _save_status(story, by, StoryStatus.PUBLISHED)
    story.published_measures.set(measures)
    refresh_search_text(story)
    _step(story, by, StoryAction.PUBLISHED, comment)
    return story


@transaction.atomic
def return_story(*, by: User, story: Story, comment) -> Story:
    """Sends a submitted story back to the team, saying why."""
    check_may_review_story(by, story.project)
    comment = _required("comment", comment, "Say what the team should change")
    story = _locked(story)
    if story.status != StoryStatus.SUBMITTED:
        raise ValidationError(
            {
                "status": f"The story is {story.get_status_display().lower()}: only a story "
                "waiting for review can be sent back"
            }
        )
    _save_status(story, by, StoryStatus.RETURNED)
    _step(story, by, StoryAction.RETURNED, comment)
    return story


@transaction.atomic
def withdraw_story(*, by: User, story: Story, reason) -> Story:
    """Takes a published (or submitted) story out of the archive (or the review), saying why."""
    check_may_withdraw_story(by, story.project)
    reason = _required("reason", reason, "Say why the story is being withdrawn")
    story = _locked(story)
    if story.status not in (StoryStatus.PUBLISHED, StoryStatus.SUBMITTED):
        raise ValidationError(
            {
                "status": f"The story is {story.get_status_display().lower()}: only a published "
                "or submitted story can be withdrawn"
            }
        )
    _save_status(story, by, StoryStatus.WITHDRAWN)
    _step(story, by, StoryAction.WITHDRAWN, reason)
    return story


@transaction.atomic
def set_published_charts(*, by: User, story: Story, measures) -> Story:
    """Changes which measures' charts a published story shows."""
    check_may_review_story(by, story.project)
    story = _locked(story)
    if story.status != StoryStatus.PUBLISHED:
        raise ValidationError(
            {"status": "Only a published story's charts can be changed: choose them on publishing"}
        )
    measures = _check_measures(story, measures)
    story._history_user = by
    story.published_measures.set(measures)
    story.save()
    refresh_search_text(story)
    _step(story, by, StoryAction.CHARTS_CHANGED)
    return story


# Being named ---------------------------------------------------------------------------------


@transaction.atomic
def agree_to_be_named(*, by: User, story: Story) -> StoryConsent:
    """A team member agrees to be named on the public story."""
    check_may_consent(by, story.project)
    consent, _ = StoryConsent.objects.get_or_create(story=story, user=by)
    return consent


@transaction.atomic
def withdraw_consent(*, by: User, story: Story) -> None:
    check_may_consent(by, story.project)
    StoryConsent.objects.filter(story=story, user=by).delete()


# Search --------------------------------------------------------------------------------------


def _search_parts(story: Story) -> list[str]:
    project = Project.objects.select_related("lead_region").get(pk=story.project_id)
    parts = [project.title, project.summary, project.aim_what, project.aim_for_whom]
    parts += [project.aim_how_much, project.aim_text]
    learning = ProjectLearning.objects.filter(project=project).first()
    if learning is not None:
        parts += [getattr(learning, name) for name in ProjectLearning.TEXT_FIELDS]
    parts += list(project.change_ideas.values_list("text", flat=True))
    parts += list(story.published_measures.order_by("name").values_list("name", flat=True))
    parts.append(project.lead_region.name)
    return parts


def refresh_search_text(story: Story) -> None:
    """Puts together what the archive's search reads: the title, summary, aim, learning, change
    ideas, the published charts' measures and the region."""
    text = "\n".join(part.strip() for part in _search_parts(story) if part and part.strip())
    Story.objects.filter(pk=story.pk).update(search_text=text)
    story.search_text = text
