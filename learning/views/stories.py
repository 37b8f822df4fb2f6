"""A project's learning and the outcomes its team reports: every signed-in user reads them; the
project's editors (learning.access.can_write_learning) write them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.lookup import refuse_unless
from learning import access
from learning.forms.stories import LearningForm, OutcomeForm
from learning.models import ProjectLearning
from learning.presenters import stories as present
from learning.services import stories as services
from learning.services.permissions import check_may_write_learning

READ_OR_WRITE = require_http_methods(["GET", "HEAD", "POST"])


def posted(request):
    """The form data of a POST (even an empty one: every field may be optional), else None."""
    return request.POST if request.method == "POST" else None


def add_errors(form, error: ValidationError) -> None:
    """The service's problems on the form, each on its field where the form has it."""
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def learning_href(project) -> str:
    return reverse("learning:project_learning", args=[project.pk])


def _may_write_or_403(request, project) -> None:
    refuse_unless(
        access.can_write_learning(request.user, project),
        f"Only the team of “{project.title}”, leads of its regions and national admins can "
        "write down its learning and outcomes.",
    )


@READ_OR_WRITE
def project_learning(request, pk: int):
    project = present.project_or_404(request, pk)
    may_write = access.can_write_learning(request.user, project)
    if request.method == "POST":
        check_may_write_learning(request.user, project)
    learning = present.learning_of(project)
    form = None
    if may_write:
        initial = {name: getattr(learning, name, "") for name in ProjectLearning.TEXT_FIELDS}
        form = LearningForm(posted(request), initial=initial)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.save_learning(by=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"The learning of “{project.title}” was saved.")
            return redirect(learning_href(project))
    return render(
        request,
        "learning/stories/learning.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "form": form,
            "may_write": may_write,
            "learning_rows": present.learning_rows(learning),
            "last_changed": present.last_changed(learning),
            "outcomes": present.outcomes_of(project),
        },
    )


@READ_OR_WRITE
def outcome_create(request, pk: int):
    project = present.project_or_404(request, pk)
    _may_write_or_403(request, project)
    form = OutcomeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_outcome(by=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The outcome was added.")
            return redirect(learning_href(project) + "#outcomes")
    return render(
        request,
        "learning/stories/outcome_form.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "form": form,
            "outcome": None,
        },
    )


@READ_OR_WRITE
def outcome_update(request, pk: int):
    outcome = present.outcome_or_404(request, pk)
    project = outcome.project
    _may_write_or_403(request, project)
    form = OutcomeForm(posted(request), initial=OutcomeForm.initial_from(outcome))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_outcome(by=request.user, outcome=outcome, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"“{outcome.description}” was updated.")
            return redirect(learning_href(project) + "#outcomes")
    return render(
        request,
        "learning/stories/outcome_form.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "form": form,
            "outcome": outcome,
        },
    )


@READ_OR_WRITE
def outcome_delete(request, pk: int):
    """GET asks to confirm; POST removes the outcome (its history keeps it)."""
    outcome = present.outcome_or_404(request, pk)
    project = outcome.project
    _may_write_or_403(request, project)
    if request.method == "POST":
        services.remove_outcome(by=request.user, outcome=outcome)
        messages.success(request, f"“{outcome.description}” was removed.")
        return redirect(learning_href(project) + "#outcomes")
    return render(
        request,
        "learning/stories/outcome_delete.jinja",
        {
            "project": project,
            "breadcrumbs": present.breadcrumbs(project),
            "outcome": outcome,
            "row": present.outcome_rows([outcome])[0],
        },
    )
