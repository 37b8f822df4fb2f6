"""Turns a Django bound field into the parameters of the matching NHS.UK frontend macro.

Templates call `app_field(form.name)`; this module decides which component and what it shows, so
templates stay free of widget logic.
"""

from django import forms
from django.forms.boundfield import BoundField


def _selected_values(field: BoundField) -> set[str]:
    value = field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def _choice_items(field: BoundField) -> list[dict]:
    chosen = _selected_values(field)
    # A form field may explain its options: `choice_hints` maps a value to the words shown
    # under it (radios and checkboxes show them; a select has nowhere to).
    hints = getattr(field.field, "choice_hints", {})
    return [
        {
            "value": str(value),
            "text": str(label),
            "selected": str(value) in chosen,
            "checked": str(value) in chosen,
            **({"hint": {"text": str(hints[value])}} if hints.get(value) else {}),
        }
        for value, label in field.field.widget.choices
    ]


def component_for(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def field_params(field: BoundField, overrides: dict | None = None) -> dict:
    """Parameters for the NHS macro named by `component_for(field)`."""
    params = {
        "id": field.id_for_label or field.auto_id,
        "name": field.html_name,
        "label": {"text": str(field.label)},
        "hint": {"text": str(field.help_text)} if field.help_text else None,
        "errorMessage": {"text": " ".join(str(e) for e in field.errors)} if field.errors else None,
    }
    component = component_for(field)
    if component in ("select", "checkboxes", "radios"):
        params["items"] = _choice_items(field)
        params["idPrefix"] = params["id"]
    if component in ("checkboxes", "radios"):
        # The macro gives `id` to the wrapper, which would steal the first box's label.
        del params["id"]
    else:
        value = field.value()
        params["value"] = "" if value is None else str(value)
    if component == "input":
        params["type"] = getattr(field.field.widget, "input_type", "text")
    if component in ("checkboxes", "radios"):
        params["fieldset"] = {"legend": {"text": str(field.label)}}
    params.update(overrides or {})
    return {key: value for key, value in params.items() if value is not None}


def error_summary_items(form: forms.Form) -> list[dict]:
    """One link per error, pointing at its field, for the error summary at the top of a page."""
    items = [{"text": str(error)} for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            items.append({"text": str(error), "href": f"#{field.id_for_label or field.auto_id}"})
    return items


class DateInput(forms.DateInput):
    """A browser date picker that round-trips ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
