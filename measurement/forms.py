"""The measure settings form (the chart and rule set may be left for the data type to decide)
and the new-phase (rebase) form."""

from django import forms

from measurement.entry_rules import WHOLE_FIELDS
from measurement.measure_choices import (
    CHART_HINTS,
    CHOOSE_FOR_ME,
    CHOOSE_IMPROVEMENT,
    IMPROVEMENT_HINTS,
    MDC_CHARTS,
    RULES_HINTS,
)
from measurement.models import Chart, DataType, Improvement, Measure, RuleSet
from measurement.services.measures import with_defaults
from measurement.services.phases import charted_periods
from projects.models import ChangeIdea, PDSACycle, Project

# The NHS convention first.
RULES_ORDER = (RuleSet.MDC, RuleSet.ANHOEJ, RuleSet.IHI)

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
            "allow_decimals",
        ]
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("definition", "inclusions", "exclusions")
            },
            **{name: forms.RadioSelect for name in ("chart", "rules", "improvement")},
        }
        error_messages = {
            "name": {"required": "Enter the measure's name"},
            "kind": {"required": "Select outcome, process or balancing"},
            "improvement": {"required": CHOOSE_IMPROVEMENT},
            "data_type": {"required": "Select the type of data"},
            "target": {"invalid": "Enter the target as a number"},
            "multiplier": {"invalid": "Enter the display multiplier as a number, like 100"},
            "baseline_points": {"invalid": "Enter the number of baseline points as a whole number"},
        }
        labels = {"allow_decimals": "The numbers can have decimals"}
        help_texts = {
            "allow_decimals": "Counts of people and events are whole numbers, so 30.5 patients "
            "is refused. Tick this only for counts, proportions or rates that can have "
            "decimals, such as bed-days."
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self._explain_chart_choices()
        self.fields["kind"].choices = [("", "Select a kind"), *self.fields["kind"].choices[1:]]
        self.fields["data_type"].choices = [
            ("", "Select a data type"),
            *self.fields["data_type"].choices[1:],
        ]
        self.fields["diagram_node"].choices = diagram_node_choices(project)
        self.initial.setdefault("diagram_node", self._current_node())

    def _explain_chart_choices(self) -> None:
        """Radios with each option explained; a new measure's chart and rules are left to the
        Making Data Count convention and its direction to the team (no "Neither" preselected)."""
        chart, rules, improvement = (self.fields[n] for n in ("chart", "rules", "improvement"))
        chart.required = rules.required = False
        chart.choices = [("", CHOOSE_FOR_ME), *Chart.choices]
        rules.choices = [
            ("", "The chart's usual rules"),
            *((r.value, r.label) for r in RULES_ORDER),
        ]
        improvement.choices = Improvement.choices
        chart.choice_hints, rules.choice_hints = CHART_HINTS, RULES_HINTS
        improvement.choice_hints = IMPROVEMENT_HINTS
        if self.instance._state.adding:
            self.initial["improvement"] = None  # not the model's default, "Neither"
            for name in ("chart", "rules"):  # "Choose for me" is chosen to start with
                self.initial[name] = self.initial.get(name) or ""

    @property
    def asks_about_decimals(self) -> bool:
        """Whether the data type takes whole numbers unless decimals are allowed."""
        return self.instance._state.adding or self.instance.data_type in WHOLE_FIELDS

    def _current_node(self) -> str:
        for prefix, field in NODE_PREFIXES.items():
            node_id = getattr(self.instance, f"{field}_id", None)
            if node_id:
                return f"{prefix}:{node_id}"
        return ""

    def clean(self):
        # Fill the chart and rules the data type suits first, so the model checks the result:
        # Making Data Count's chart for the data type, and its rules wherever they apply.
        cleaned = super().clean()
        if not cleaned.get("chart") and cleaned.get("data_type") in MDC_CHARTS:
            cleaned["chart"] = MDC_CHARTS[cleaned["data_type"]]
        cleaned = with_defaults(cleaned)
        for field in NODE_PREFIXES.values():
            cleaned[field] = None
        node = cleaned.pop("diagram_node", "")
        if node:
            prefix, node_id = node.split(":")
            model = Measure._meta.get_field(NODE_PREFIXES[prefix]).related_model
            cleaned[NODE_PREFIXES[prefix]] = model.objects.get(pk=node_id)
        return cleaned


class RebaseForm(forms.Form):
    """A new phase: its first point, why the process changed, and what caused it. The start is
    checked by the service (`phases.rebase_add`), as it is for the API."""

    start = forms.CharField(
        label="First period of the new phase",
        help_text="The first point after the change: the chart recalculates its centre line "
        "and limits from there.",
        widget=forms.Select(),
        required=False,
    )
    reason = forms.CharField(
        label="Why the process changed",
        help_text="Name the change, for example “NEWS chart introduced on all wards”.",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    pdsa_cycle = forms.ModelChoiceField(
        label="The PDSA cycle that tested the change (optional)",
        queryset=PDSACycle.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a PDSA cycle of this measure's project"},
    )
    change_idea = forms.ModelChoiceField(
        label="The change idea behind it (optional)",
        queryset=ChangeIdea.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a change idea of this measure's project"},
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        project = measure.project
        self.fields["start"].widget.choices = phase_start_choices(measure)
        self.fields["pdsa_cycle"].queryset = project.pdsa_cycles.order_by("-start_date", "-pk")
        self.fields["change_idea"].queryset = project.change_ideas.all()
        self.fields["pdsa_cycle"].label_from_instance = _cycle_label


def phase_start_choices(measure: Measure) -> list[tuple[str, str]]:
    """Every period with data after the first and not already a phase's start, newest first."""
    taken = set(measure.rebases.values_list("start", flat=True))
    label = _period_label(measure)
    choices = [
        (period.isoformat(), label(period))
        for period in reversed(charted_periods(measure)[1:])
        if period not in taken
    ]
    return [("", "Choose a period")] + choices


def _period_label(measure: Measure):
    if measure.data_type == DataType.EVENTS:
        return lambda day: f"Event on {day:%-d %B %Y}"
    if measure.frequency == "monthly":
        return lambda month: f"{month:%B %Y}"
    return lambda week: f"Week beginning {week:%-d %B %Y}"


def _cycle_label(cycle: PDSACycle) -> str:
    return f"{cycle.title} (from {cycle.start_date:%-d %B %Y})"
