"""Between a project and the diagram's templates and images.

`diagram_input(project)` reads the whole diagram in four queries however large it is;
`diagram_context(project)` is what `templates/projects/diagram/_diagram.jinja` reads as `diagram`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from markupsafe import Markup

from projects.diagram import render
from projects.diagram.nodes import DiagramInput, IdeaInput, PrimaryInput, SecondaryInput
from projects.diagram.outline import outline
from projects.models import ChangeIdea, PrimaryDriver, Project, SecondaryDriver
from projects.presenters.aim import aim_sentence as project_aim_sentence

NO_AIM = "No aim written yet"
NODE_MODELS = {"primary": PrimaryDriver, "secondary": SecondaryDriver, "idea": ChangeIdea}


def aim_sentence(project: Project) -> str:
    """The aim as the project page words it, so the two never disagree."""
    return project_aim_sentence(project).strip() or NO_AIM


def diagram_title(project: Project) -> str:
    return f"Driver diagram: {project.title}"


def diagram_input(project: Project) -> DiagramInput:
    """Four queries: primary drivers, their secondary drivers, change ideas, and the links."""
    primaries = tuple(
        PrimaryInput(p.id, p.text, tuple(SecondaryInput(s.id, s.text)
                                         for s in p.secondary_drivers.all()))
        for p in project.primary_drivers.prefetch_related("secondary_drivers")
    )  # fmt: skip
    order = {s.id: i for i, s in enumerate(s for p in primaries for s in p.secondaries)}
    links: dict[int, list[int]] = {}
    for idea_id, secondary_id in ChangeIdea.secondary_drivers.through.objects.filter(
        changeidea__project=project
    ).values_list("changeidea_id", "secondarydriver_id"):
        links.setdefault(idea_id, []).append(secondary_id)
    ideas = tuple(
        IdeaInput(i.id, i.text, tuple(sorted(links.get(i.id, ()), key=order.__getitem__)))
        for i in project.change_ideas.all()
    )
    return DiagramInput(aim_sentence(project), primaries, ideas, diagram_title(project))


def nodes_of(project: Project, kind: str) -> QuerySet:
    """The project's primary drivers, secondary drivers or change ideas (`kind`), for views that
    look a node up by id: a node of another project is simply not there."""
    if kind == "secondary":
        return SecondaryDriver.objects.filter(primary_driver__project=project)
    return NODE_MODELS[kind].objects.filter(project=project)


def diagram_context(project: Project, *, heading_level: int = 3) -> dict:
    """What `_diagram.jinja` reads as `diagram`: put it in the page's context under that name,
    e.g. `{"diagram": diagram_context(project)}`. `heading_level` is the level of the partial's
    one heading ("The diagram as text"): 3 under a page's "Driver diagram" h2."""
    diagram = diagram_input(project)
    tree = outline(diagram)
    return {
        "input": diagram,  # the DiagramInput, for the editor
        "outline": tree,
        "svg": Markup(render.inline_svg(diagram)),  # <svg role="img"> named by its <title>
        "caption": f"Driver diagram for {project.title}: {tree.summary}.",
        "svg_url": reverse("projects:diagram_svg", args=[project.pk]),
        "png_url": reverse("projects:diagram_png", args=[project.pk]),
        "heading_level": heading_level,
    }
