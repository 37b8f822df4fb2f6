"""The driver diagram: the editor page (readers see the diagram alone), its SVG and PNG, and one
POST endpoint per change.

Every change works as a plain form (POST, then redirect back to the editor) and, when htmx sends
it (`HX-Request`), answers with the editor's inside so the page is not reloaded. Reads go through
`regions.access`; writes through `projects.services.diagram`, which checks permission again.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, register_converter, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from core.lookup import visible_or_404
from projects import access
from projects.diagram import editor as ed
from projects.diagram import render as drawing
from projects.presenters.diagram import diagram_context, diagram_input, nodes_of
from projects.services import diagram as services
from projects.services.permissions import check_may_edit
from projects.views._lookup import visible_project


class NodeKindConverter:
    regex = "primary|secondary|idea"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _editable_project(request, pk):
    project = visible_project(request, pk)
    check_may_edit(request.user, project)  # refuse before reading the form: a reader gets 403
    return project


def _node(project, kind: str, node_pk: int):
    return visible_or_404(
        nodes_of(project, kind),
        f"This project's diagram has no {ed.NOUNS[kind]} with the id {node_pk}; "
        f"it may have been deleted.",
        pk=node_pk,
    )


def _page(request, project, *, bound=None, active=None, deleting=None, message=None):
    """The editor: the whole page, or for htmx just the inside of #diagram-editor."""
    may_edit = access.can_edit_project(request.user, project)
    # Readers: h1 "Driver diagram", then the outline's h2; editors: under the h2 "The diagram".
    diagram = diagram_context(project, heading_level=3 if may_edit else 2)
    editor = None
    if may_edit:
        confirm = _confirmation(diagram["input"], *deleting) if deleting else None
        editor = ed.editor(diagram["input"], bound=bound, active=active, confirm=confirm)
    context = {"project": project, "diagram": diagram, "editor": editor,
               "status_message": message}  # fmt: skip
    partial = _is_htmx(request)
    template = "projects/diagram/_editor.jinja" if partial else "projects/diagram/editor.jinja"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # one URL, two bodies: caches must know
    return response


def _confirmation(diagram, kind: str, node) -> ed.Confirmation:
    return ed.Confirmation(
        kind, node.pk, node.text, ed.consequence(diagram, kind, node.pk),
        services.delete_refusal(node),
    )  # fmt: skip


def _done(request, project, message: str, active: str | None = None):
    if _is_htmx(request):
        return _page(request, project, active=active, message=message)
    messages.success(request, message)  # shown in the banner at the top of the page
    return redirect(reverse("projects:diagram", args=[project.pk]))


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's errors go beside the field they name, or to the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _submit(request, project, form, prefix: str, act, keep_open: bool = False):
    """Checks the form, then `act(cleaned_data)` calls the service and returns what to say."""
    if form.is_valid():
        try:
            message = act(form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _done(request, project, message, active=prefix if keep_open else None)
    return _page(request, project, bound={prefix: form})


@require_GET
def diagram(request, pk):
    return _page(request, visible_project(request, pk))


def _image(request, project, content: bytes, content_type: str, extension: str):
    response = HttpResponse(content, content_type=content_type)
    if request.GET.get("download"):
        name = f"{slugify(project.title) or 'project'}-driver-diagram.{extension}"
        response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_GET
def diagram_svg(request, pk):
    project = visible_project(request, pk)
    return _image(request, project, drawing.svg(diagram_input(project)), "image/svg+xml", "svg")


@require_GET
def diagram_png(request, pk):
    project = visible_project(request, pk)
    return _image(request, project, drawing.png(diagram_input(project)), "image/png", "png")


@require_POST
def add_primary(request, pk):
    project = _editable_project(request, pk)
    form = ed.DriverTextForm(request.POST, prefix=ed.ADD_PRIMARY)

    def act(data):
        driver = services.primary_driver_add(by=request.user, project=project, text=data["text"])
        return f"Added the primary driver “{driver.text}”."

    return _submit(request, project, form, ed.ADD_PRIMARY, act)


@require_POST
def add_secondary(request, pk, node_pk):
    project = _editable_project(request, pk)
    primary = _node(project, "primary", node_pk)
    prefix = ed.add_secondary_prefix(primary.pk)

    def act(data):
        driver = services.secondary_driver_add(
            by=request.user, primary_driver=primary, text=data["text"]
        )
        return f"Added the secondary driver “{driver.text}” to “{primary.text}”."

    form = ed.DriverTextForm(request.POST, prefix=prefix)
    return _submit(request, project, form, prefix, act, keep_open=True)


def _secondaries(project, ids):
    return list(nodes_of(project, "secondary").filter(pk__in=ids))


@require_POST
def add_idea(request, pk):
    project = _editable_project(request, pk)
    form = ed.IdeaAddForm(request.POST, prefix=ed.ADD_IDEA, diagram=diagram_input(project))

    def act(data):
        idea = services.change_idea_add(
            by=request.user, project=project, text=data["text"],
            secondary_drivers=_secondaries(project, data["secondary_drivers"]),
        )  # fmt: skip
        return f"Added the change idea “{idea.text}”."

    return _submit(request, project, form, ed.ADD_IDEA, act)


@require_POST
def rename(request, pk, kind, node_pk):
    project = _editable_project(request, pk)
    node = _node(project, kind, node_pk)
    prefix = ed.rename_prefix(kind, node.pk)
    form_class = ed.IdeaTextForm if kind == "idea" else ed.DriverTextForm

    def act(data):
        services.node_rename(by=request.user, node=node, text=data["text"])
        return f"Renamed the {ed.NOUNS[kind]} “{node.text}”."

    return _submit(request, project, form_class(request.POST, prefix=prefix), prefix, act)


@require_POST
def move(request, pk, kind, node_pk):
    project = _editable_project(request, pk)
    node = _node(project, kind, node_pk)

    def act(data):
        services.node_move(by=request.user, node=node, direction=data["direction"])
        return f"Moved the {ed.NOUNS[kind]} “{node.text}” {data['direction']}."

    return _submit(request, project, ed.MoveForm(request.POST), "move", act)


@require_POST
def reparent(request, pk, node_pk):
    project = _editable_project(request, pk)
    secondary = _node(project, "secondary", node_pk)
    prefix = ed.reparent_prefix(secondary.pk)

    def act(data):
        primary = _node(project, "primary", data["primary_driver"])
        services.secondary_driver_reparent(
            by=request.user, secondary_driver=secondary, primary_driver=primary
        )
        return f"Moved the secondary driver “{secondary.text}” under “{primary.text}”."

    form = ed.ReparentForm(request.POST, prefix=prefix, diagram=diagram_input(project))
    return _submit(request, project, form, prefix, act)


@require_POST
def link(request, pk, node_pk):
    project = _editable_project(request, pk)
    idea = _node(project, "idea", node_pk)
    prefix = ed.link_prefix(idea.pk)

    def act(data):
        chosen = _secondaries(project, data["secondary_drivers"])
        services.change_idea_link(by=request.user, change_idea=idea, secondary_drivers=chosen)
        count = len(chosen)
        return f"“{idea.text}” now serves {count} secondary driver{'' if count == 1 else 's'}."

    form = ed.LinkForm(request.POST, prefix=prefix, diagram=diagram_input(project))
    return _submit(request, project, form, prefix, act)


@require_GET
def confirm_delete(request, pk, kind, node_pk):
    project = _editable_project(request, pk)
    return _page(request, project, deleting=(kind, _node(project, kind, node_pk)))


@require_POST
def delete(request, pk, kind, node_pk):
    project = _editable_project(request, pk)
    node = _node(project, kind, node_pk)
    try:
        services.node_delete(by=request.user, node=node)
    except ValidationError as error:
        form = forms.Form(data={})  # bound, so it can carry the service's error
        form.add_error(None, error)
        return _page(request, project, bound={"delete": form})
    return _done(request, project, f"Deleted the {ed.NOUNS[kind]} “{node.text}”.")


register_converter(NodeKindConverter, "diagram_node")

urlpatterns = [
    path("", diagram, name="diagram"),
    path("diagram.svg", diagram_svg, name="diagram_svg"),
    path("diagram.png", diagram_png, name="diagram_png"),
    path("primary/", add_primary, name="diagram_add_primary"),
    path("primary/<int:node_pk>/secondary/", add_secondary, name="diagram_add_secondary"),
    path("idea/", add_idea, name="diagram_add_idea"),
    path("<diagram_node:kind>/<int:node_pk>/rename/", rename, name="diagram_rename"),
    path("<diagram_node:kind>/<int:node_pk>/move/", move, name="diagram_move"),
    path("secondary/<int:node_pk>/reparent/", reparent, name="diagram_reparent"),
    path("idea/<int:node_pk>/link/", link, name="diagram_link"),
    path(
        "<diagram_node:kind>/<int:node_pk>/confirm-delete/",
        confirm_delete,
        name="diagram_confirm_delete",
    ),
    path("<diagram_node:kind>/<int:node_pk>/delete/", delete, name="diagram_delete"),
]
