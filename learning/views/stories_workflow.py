"""A project's story on its way to the public archive: its status and steps, submitting,
withdrawing, agreeing to be named, the review (publish with chosen charts, or send back) and the
stories waiting for a reviewer."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from core.lookup import refuse_unless
from learning import access
from learning.forms.stories import ReviewForm, SubmitForm, WithdrawForm
from learning.models import StoryStatus
from learning.presenters import stories as present
from learning.services import stories as services
from learning.views.stories import READ_OR_WRITE, add_errors, posted

WITHDRAWABLE = (StoryStatus.PUBLISHED, StoryStatus.SUBMITTED)


def story_href(project) -> str:
    return reverse("learning:story", args=[project.pk])


def public_href(story) -> str | None:
    """The story's page in the archive, once published (the archive is built alongside)."""
    if story is None or not story.is_public:
        return None
    try:
        return story.get_absolute_url()
    except NoReverseMatch:
        return None


def _status(story) -> str:
    return story.status if story is not None else StoryStatus.DRAFT


@require_safe
def story(request, pk: int):
    project = present.project_or_404(request, pk)
    found = present.story_or_none(request, project)
    user, status = request.user, _status(found)
    consented = found is not None and found.consents.filter(user=user).exists()
    return render(
        request,
        "learning/stories/story.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "story": found,
            "status": present.status_tag(found),
            "steps": present.step_rows(found),
            "public_href": public_href(found),
            "may_submit": access.can_submit_story(user, project) and status in services.SUBMITTABLE,
            "may_withdraw": access.can_withdraw_story(user, project) and status in WITHDRAWABLE,
            "may_review": access.can_review_story(user, project),
            "may_consent": access.can_consent_to_be_named(user, project),
            "consented": consented,
        },
    )


@READ_OR_WRITE
def story_submit(request, pk: int):
    project = present.project_or_404(request, pk)
    refuse_unless(
        access.can_submit_story(request.user, project),
        f"Only the project leads of “{project.title}”, leads of its regions and national "
        "admins can submit its story.",
    )
    found = present.story_or_none(request, project)
    form = SubmitForm(posted(request), initial={"contact": found.contact if found else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_story(by=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The story was submitted for review.")
            return redirect(story_href(project))
    return render(
        request,
        "learning/stories/story_submit.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "story": found,
            "form": form,
        },
    )


@READ_OR_WRITE
def story_withdraw(request, pk: int):
    project = present.project_or_404(request, pk)
    refuse_unless(
        access.can_withdraw_story(request.user, project),
        f"Only the project leads of “{project.title}”, leads of its regions and national "
        "admins can withdraw its story.",
    )
    found = present.story_or_none(request, project)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if found is None:
                raise ValidationError({"reason": "The story has not been submitted"})
            services.withdraw_story(by=request.user, story=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The story was withdrawn.")
            return redirect(story_href(project))
    return render(
        request,
        "learning/stories/story_withdraw.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "story": found,
            "form": form,
        },
    )


@READ_OR_WRITE
def story_consent(request, pk: int):
    """GET explains being named; POST agrees (agree=yes) or takes it back (agree=no)."""
    project = present.project_or_404(request, pk)
    refuse_unless(
        access.can_consent_to_be_named(request.user, project),
        f"Only members of the team of “{project.title}” can agree to be named on its story.",
    )
    if request.method == "POST":
        found = services.story_of(project)
        if request.POST.get("agree") == "yes":
            services.agree_to_be_named(by=request.user, story=found)
            messages.success(request, "You will be named on the public story.")
        else:
            services.withdraw_consent(by=request.user, story=found)
            messages.success(request, "You will not be named on the public story.")
        return redirect(story_href(project))
    found = present.story_or_none(request, project)
    consented = found is not None and found.consents.filter(user=request.user).exists()
    return render(
        request,
        "learning/stories/story_consent.jinja",
        {"project": project, "breadcrumbs": present.breadcrumbs(project), "consented": consented},
    )


def _review(request, project, found, form):
    decision = request.POST.get("decision")
    if found is None:
        raise ValidationError("The story has not been submitted")
    if decision == "return":
        services.return_story(by=request.user, story=found, comment=form.cleaned_data["comment"])
        return "The story was sent back to the team."
    services.publish_story(
        by=request.user,
        story=found,
        measures=form.cleaned_data["measures"],
        comment=form.cleaned_data["comment"],
    )
    return "The story is published." if decision == "publish" else "The charts were changed."


@READ_OR_WRITE
def story_review(request, pk: int):
    project = present.project_or_404(request, pk)
    refuse_unless(
        access.can_review_story(request.user, project),
        f"Only leads of the regions of “{project.title}” and national admins can publish its "
        "story or send it back.",
    )
    found = present.story_or_none(request, project)
    chosen = list(found.published_measures.values_list("pk", flat=True)) if found else []
    form = ReviewForm(posted(request), measures=project.measures, initial={"measures": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            done = _review(request, project, found, form)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(story_href(project))
    learning = present.learning_of(project)
    return render(
        request,
        "learning/stories/story_review.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "story": found,
            "status": present.status_tag(found),
            "form": form,
            "learning_rows": present.learning_rows(learning),
            "outcomes": present.outcomes_of(project),
            "waiting": _status(found) == StoryStatus.SUBMITTED,
            "published": _status(found) == StoryStatus.PUBLISHED,
        },
    )


@require_safe
def stories_to_review(request):
    return render(
        request,
        "learning/stories/stories_to_review.jinja",
        {"rows": present.review_rows(request.user)},
    )
