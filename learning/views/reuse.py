"""Starting a project from a published story: a form for its title, lead region, organisation
and start date; the new project copies the story's driver diagram (learning.services.reuse)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.lookup import visible_or_404
from learning import access
from learning.forms.reuse import StartFromStoryForm
from learning.presenters import reuse as present
from learning.services.reuse import start_project_from_story


def _add_errors(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def story_start_project(request, slug):
    story = visible_or_404(
        access.stories_public().select_related("project"),
        "There is no published story at this address.",
        slug=slug,
    )
    context = present.start_page(request.user, story)
    if not access.can_start_project_from_story(request.user):
        return render(request, "learning/reuse/start_refused.jinja", context, status=403)
    form = StartFromStoryForm(request.POST or None, user=request.user, story=story)
    if request.method == "POST" and form.is_valid():
        try:
            project = start_project_from_story(by=request.user, story=story, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"“{project.title}” was started from the story “{story.project.title}”, with a "
                "copy of its driver diagram.",
            )
            return redirect(project)
    return render(request, "learning/reuse/start_project.jinja", {**context, "form": form})
