"""The measure settings form. The chart and rule set may be left for the data type to decide."""

from django import forms

from core.form_fields import DateInput
from measurement.models import Chart, Measure, RuleSet
from measurement.services.measures import with_defaults
from projects.models import Project

NODE_PREFIXES = {
    "primary": "primary_driver",
    "secondary": "secondary_driver",
    "idea": "change_idea",
}


def diagram_node_choices(project: Project) -> list[tuple[str, str]]:
    choices = [("", "Not linked to the driver diagram")]
    for primary in project.primary_drivers.prefetch_related("secondary_drivers"):
        choices.append((f"primary:{primary.pk}", f"Primary driver: {primary.text}"))
        choices += [
            (f"secondary:{s.pk}", f"Secondary driver: {s.text}")
            for s in primary.secondary_drivers.all()
        ]
    choices += [(f"idea:{i.pk}", f"Change idea: {i.text}") for i in project.change_ideas.all()]
    return choices


class MeasureForm(forms.ModelForm):
    diagram_node = forms.ChoiceField(label="What it measures in the driver diagram", required=False)

    class Meta:
        model = Measure
        fields = [
            "name",
            "kind",
            "definition",
            "inclusions",
            "exclusions",
            "data_source",
            "data_type",
            "chart",
            "rules",
            "improvement",
            "target",
            "frequency",
            "unit",
            "multiplier",
            "screen_moving_ranges",
            "baseline_points",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("definition", "inclusions", "exclusions")
        }
        error_messages = {
            "name": {"required": "Enter the measure's name"},
            "kind": {"required": "Select outcome, process or balancing"},
            "data_type": {"required": "Select the type of data"},
            "target": {"invalid": "Enter the target as a number"},
            "multiplier": {"invalid": "Enter the display multiplier as a number, like 100"},
            "baseline_points": {"invalid": "Enter the number of baseline points as a whole number"},
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["chart"].required = False
        self.fields["chart"].choices = [("", "Choose for me from the data type"), *Chart.choices]
        self.fields["rules"].required = False
        self.fields["rules"].choices = [("", "The chart's usual rules"), *RuleSet.choices]
        self.fields["kind"].choices = [("", "Select a kind"), *self.fields["kind"].choices[1:]]
        self.fields["data_type"].choices = [
            ("", "Select a data type"),
            *self.fields["data_type"].choices[1:],
        ]
        self.fields["diagram_node"].choices = diagram_node_choices(project)
        self.initial.setdefault("diagram_node", self._current_node())

    def _current_node(self) -> str:
        for prefix, field in NODE_PREFIXES.items():
            node_id = getattr(self.instance, f"{field}_id", None)
            if node_id:
                return f"{prefix}:{node_id}"
        return ""

    def clean(self):
        # Fill the chart and rules the data type suits first, so the model checks the result.
        cleaned = with_defaults(super().clean())
        for field in NODE_PREFIXES.values():
            cleaned[field] = None
        node = cleaned.pop("diagram_node", "")
        if node:
            prefix, node_id = node.split(":")
            model = Measure._meta.get_field(NODE_PREFIXES[prefix]).related_model
            cleaned[NODE_PREFIXES[prefix]] = model.objects.get(pk=node_id)
        return cleaned


class RebaseForm(forms.Form):
    start = forms.DateField(
        label="First period of the new phase",
        widget=DateInput(),
        error_messages={
            "required": "Enter the first period of the new phase",
            "invalid": "Enter the period as a date like 2024-06-03",
        },
    )
    reason = forms.CharField(
        label="Why the process changed",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the process changed: a new phase needs a reason"},
    )
