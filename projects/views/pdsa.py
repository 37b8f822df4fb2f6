from django.contrib import messages
from django.shortcuts import redirect, render

from projects import contributions
from projects.forms import PDSACycleForm
from projects.presenters.pdsa import change_idea_context, cycle_context
from projects.services import pdsa as services
from projects.views._lookup import (
    editable_project,
    project_change_idea,
    project_cycle,
    visible_project,
)


def pdsa_create(request, pk):
    project = editable_project(request, pk)
    initial = {"change_idea": request.GET.get("change_idea"), "follows": request.GET.get("follows")}
    form = PDSACycleForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        cycle = services.pdsa_cycle_create(by=request.user, project=project, **form.cleaned_data)
        messages.success(request, f"PDSA cycle “{cycle.title}” was logged.")
        return redirect(cycle)
    return render(
        request, "projects/pdsa_form.jinja", {"form": form, "project": project, "cycle": None}
    )


def pdsa_update(request, pk, cycle_pk):
    project = editable_project(request, pk)
    cycle = project_cycle(project, cycle_pk)
    form = PDSACycleForm(request.POST or None, instance=cycle, project=project)
    if request.method == "POST" and form.is_valid():
        services.pdsa_cycle_update(by=request.user, cycle=cycle, **form.cleaned_data)
        messages.success(request, f"PDSA cycle “{cycle.title}” was updated.")
        return redirect(cycle)
    return render(
        request, "projects/pdsa_form.jinja", {"form": form, "project": project, "cycle": cycle}
    )


def pdsa_detail(request, pk, cycle_pk):
    project = visible_project(request, pk)
    cycle = project_cycle(project, cycle_pk)
    return render(request, "projects/pdsa_detail.jinja", cycle_context(request, project, cycle))


def change_idea_detail(request, pk, idea_pk):
    project = visible_project(request, pk)
    idea = project_change_idea(project, idea_pk)
    context = change_idea_context(request, project, idea)
    context.update(
        idea_links=contributions.change_idea_links(request, [idea.pk]).get(idea.pk, []),
        idea_actions=contributions.change_idea_actions(request, idea),
    )
    return render(request, "projects/change_idea_detail.jinja", context)
