"""Forms for the learning, reported outcomes and a story's steps. The services check everything
again; these ask in plain words and name the field of each problem."""

from django import forms

from learning.models import OutcomeKind
from learning.presenters.stories import LEARNING_HINTS, LEARNING_LABELS
from measurement.presenters.measure import variation_tag

CASH = {"yes": True, "no": False, "unknown": None}


def _text(name: str) -> forms.CharField:
    return forms.CharField(
        required=False,
        label=LEARNING_LABELS[name],
        help_text=LEARNING_HINTS[name],
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class LearningForm(forms.Form):
    summary = _text("summary")
    what_worked = _text("what_worked")
    what_did_not = _text("what_did_not")
    advice = _text("advice")
    sustain = _text("sustain")
    spread_plan = _text("spread_plan")


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        choices=OutcomeKind.choices,
        initial=OutcomeKind.SAVING,
        widget=forms.RadioSelect,
        label="What kind of outcome",
    )
    description = forms.CharField(
        max_length=300,
        label="What was achieved",
        help_text="For example “Staff time released” or “Bed-days saved”.",
        error_messages={"required": "Describe what was achieved"},
    )
    amount = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        label="Amount (optional)",
        help_text="A number only, like 300000. Leave it empty if there is no figure.",
        error_messages={
            "invalid": "Give the amount as a number, like 300000",
            "min_value": "The amount cannot be negative",
            "max_digits": "The amount is too large",
            "max_decimal_places": "Give the amount to at most 2 decimal places",
        },
    )
    unit = forms.CharField(
        required=False,
        max_length=40,
        initial="£",
        label="Unit",
        help_text="£ for money, or days, bed-days, hours …",
    )
    period = forms.CharField(
        required=False, max_length=120, label="Over what time", help_text="For example “a year”."
    )
    cash_releasing = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")],
        initial="unknown",
        widget=forms.RadioSelect,
        label="Is it cash-releasing?",
        help_text="Cash-releasing money can be spent elsewhere.",
    )
    estimation = forms.CharField(
        required=False,
        label="How it was estimated",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source = forms.CharField(
        required=False,
        max_length=300,
        label="Source",
        help_text="Who estimated it, or where it was published.",
    )

    def clean_cash_releasing(self):
        return CASH[self.cleaned_data["cash_releasing"]]

    @staticmethod
    def initial_from(outcome) -> dict:
        values = {name: getattr(outcome, name) for name in OUTCOME_FORM_FIELDS}
        values["cash_releasing"] = {True: "yes", False: "no", None: "unknown"}[
            outcome.cash_releasing
        ]
        return values


OUTCOME_FORM_FIELDS = tuple(OutcomeForm.base_fields)


class SubmitForm(forms.Form):
    contact = forms.CharField(
        required=False,
        max_length=300,
        label="How to get in touch (optional)",
        help_text="A team or collaborative mailbox, never a person's own address unless they "
        "agreed. The region's website is shown when this is empty.",
    )
    comment = forms.CharField(
        required=False,
        label="A note for the reviewer (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the story being withdrawn?",
        help_text="Kept in the story's history.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the story is being withdrawn"},
    )


class ReviewForm(forms.Form):
    """`measures`: the project's measures, whose charts may be published."""

    measures = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Charts to publish",
        help_text="Choose the measures whose charts the public sees on the story.",
        error_messages={"invalid_choice": "Choose only this project's measures"},
    )
    comment = forms.CharField(
        required=False,
        label="Comment",
        help_text="Needed when sending the story back: say what the team should change.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        measures = measures.order_by("name", "id")
        field = self.fields["measures"]
        field.queryset = measures
        field.choice_hints = {
            measure.pk: f"Now: {variation_tag(measure.variation)['text']}" for measure in measures
        }
