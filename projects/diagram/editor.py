"""The diagram editor's forms, and the rows it shows: one per node, each with its own forms.

Every form has a prefix naming what it edits ("rename-primary-3"), so many sit on one page with
unique field ids, and a form sent back with errors is shown in place of the blank one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms

from projects.diagram.nodes import DiagramInput
from projects.services.diagram import TEXT_MAX_LENGTH

ADD_PRIMARY = "add-primary"
ADD_IDEA = "add-idea"
NOUNS = {"primary": "primary driver", "secondary": "secondary driver", "idea": "change idea"}


def add_secondary_prefix(primary_id: int) -> str:
    return f"add-secondary-{primary_id}"


def rename_prefix(kind: str, node_id: int) -> str:
    return f"rename-{kind}-{node_id}"


def reparent_prefix(secondary_id: int) -> str:
    return f"reparent-{secondary_id}"


def link_prefix(idea_id: int) -> str:
    return f"link-{idea_id}"


def _text_field(noun: str, label: str) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=TEXT_MAX_LENGTH,
        error_messages={
            "required": f"Enter the {noun}'s text",
            "max_length": f"The {noun}'s text must be %(limit_value)s characters or fewer "
            f"(it has %(show_value)s)",
        },
    )  # fmt: skip


def _secondaries_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Secondary drivers it serves", required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select secondary drivers from this project's diagram"},
    )  # fmt: skip


class DriverTextForm(forms.Form):
    text = _text_field("driver", "Text")


class IdeaTextForm(forms.Form):
    text = _text_field("change idea", "Text")


class LinkForm(forms.Form):
    secondary_drivers = _secondaries_field()

    def __init__(self, *args, diagram: DiagramInput, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secondary_drivers"].choices = [
            (str(s.id), s.text) for s in diagram.secondaries
        ]


class IdeaAddForm(LinkForm):
    text = _text_field("change idea", "Change idea")
    field_order = ["text", "secondary_drivers"]


class ReparentForm(forms.Form):
    primary_driver = forms.TypedChoiceField(
        label="Primary driver", coerce=int,
        error_messages={
            "required": "Select the primary driver to move it under",
            "invalid_choice": "Select a primary driver from this project's diagram",
        },
    )  # fmt: skip

    def __init__(self, *args, diagram: DiagramInput, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["primary_driver"].choices = [(p.id, p.text) for p in diagram.primaries]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down")],
        error_messages={"required": "Choose to move it up or down",
                        "invalid_choice": "Choose to move it up or down"},
    )  # fmt: skip


@dataclass
class Row:
    """One node as the editor shows it, with the forms that change it."""

    kind: str
    id: int
    text: str
    first: bool
    last: bool
    rename: forms.Form
    reparent: forms.Form | None = None  # secondary drivers
    link: forms.Form | None = None  # change ideas
    add_child: forms.Form | None = None  # primary drivers: add a secondary driver
    related: tuple[str, ...] = ()  # what a secondary driver's ideas are, or an idea serves
    children: list[Row] = field(default_factory=list)
    # Its "Change" and "Add" sections start open after an error in them, or when just used.
    open_change: bool = False
    open_add: bool = False

    @property
    def noun(self) -> str:
        return NOUNS[self.kind]


@dataclass(frozen=True)
class Confirmation:
    kind: str
    id: int
    text: str
    consequence: str
    refusal: str | None

    @property
    def noun(self) -> str:
        return NOUNS[self.kind]


@dataclass
class Editor:
    primaries: list[Row]
    ideas: list[Row]
    add_primary: forms.Form
    add_idea: forms.Form
    errors: forms.Form | None = None
    confirm: Confirmation | None = None
    has_secondaries: bool = False


class _Builder:
    def __init__(self, diagram: DiagramInput, bound: dict[str, forms.Form], active: str | None):
        self.diagram, self.bound, self.active = diagram, bound, active
        self.secondary_text = {s.id: s.text for s in diagram.secondaries}
        self.ideas_of: dict[int, list[str]] = {s.id: [] for s in diagram.secondaries}
        for idea in diagram.ideas:
            for s_id in idea.secondary_ids:
                self.ideas_of[s_id].append(idea.text)

    def form(self, prefix: str, form_class, **kwargs) -> forms.Form:
        return self.bound.get(prefix) or form_class(prefix=prefix, **kwargs)

    def is_open(self, *prefixes: str) -> bool:
        return any(p == self.active or p in self.bound for p in prefixes)

    def secondary(self, node, index: int, count: int, primary_id: int) -> Row:
        rename, reparent = rename_prefix("secondary", node.id), reparent_prefix(node.id)
        return Row(
            "secondary", node.id, node.text, index == 0, index == count - 1,
            rename=self.form(rename, DriverTextForm, initial={"text": node.text}),
            reparent=self.form(reparent, ReparentForm, diagram=self.diagram,
                               initial={"primary_driver": primary_id}),
            related=tuple(self.ideas_of[node.id]), open_change=self.is_open(rename, reparent),
        )  # fmt: skip

    def primary(self, node, index: int, count: int) -> Row:
        rename, add = rename_prefix("primary", node.id), add_secondary_prefix(node.id)
        children = [self.secondary(s, i, len(node.secondaries), node.id)
                    for i, s in enumerate(node.secondaries)]  # fmt: skip
        return Row(
            "primary", node.id, node.text, index == 0, index == count - 1,
            rename=self.form(rename, DriverTextForm, initial={"text": node.text}),
            add_child=self.form(add, DriverTextForm), children=children,
            open_change=self.is_open(rename), open_add=self.is_open(add),
        )  # fmt: skip

    def idea(self, node, index: int, count: int) -> Row:
        rename, link = rename_prefix("idea", node.id), link_prefix(node.id)
        chosen = [str(s_id) for s_id in node.secondary_ids]
        return Row(
            "idea", node.id, node.text, index == 0, index == count - 1,
            rename=self.form(rename, IdeaTextForm, initial={"text": node.text}),
            link=self.form(link, LinkForm, diagram=self.diagram,
                           initial={"secondary_drivers": chosen}),
            related=tuple(self.secondary_text[s_id] for s_id in node.secondary_ids),
            open_change=self.is_open(rename, link),
        )  # fmt: skip


def editor(
    diagram: DiagramInput,
    *,
    bound: dict[str, forms.Form] | None = None,
    active: str | None = None,
    confirm: Confirmation | None = None,
) -> Editor:
    """`bound`: forms sent back with errors, by prefix; `active`: the prefix just used, whose
    section stays open so the next entry can follow."""
    bound = bound or {}
    builder = _Builder(diagram, bound, active)
    primaries, ideas = diagram.primaries, diagram.ideas
    return Editor(
        primaries=[builder.primary(p, i, len(primaries)) for i, p in enumerate(primaries)],
        ideas=[builder.idea(idea, i, len(ideas)) for i, idea in enumerate(ideas)],
        add_primary=builder.form(ADD_PRIMARY, DriverTextForm),
        add_idea=builder.form(ADD_IDEA, IdeaAddForm, diagram=diagram),
        errors=next((form for form in bound.values() if form.errors), None),
        confirm=confirm,
        has_secondaries=bool(diagram.secondaries),
    )


def consequence(diagram: DiagramInput, kind: str, node_id: int) -> str:
    """What else deleting the node changes, in a sentence (or nothing)."""
    if kind == "primary":
        primary = next(p for p in diagram.primaries if p.id == node_id)
        count = len(primary.secondaries)
        if count:
            return (f"Its {count} secondary driver{'' if count == 1 else 's'} will be deleted "
                    f"too. Change ideas stay in the list.")  # fmt: skip
    if kind == "secondary":
        count = sum(node_id in idea.secondary_ids for idea in diagram.ideas)
        if count:
            return (f"{count} change idea{' is' if count == 1 else 's are'} linked to it; "
                    f"{'it stays' if count == 1 else 'they stay'} in the list.")  # fmt: skip
    return ""
