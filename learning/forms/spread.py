"""Forms for recording adoptions (one at a time, or a CSV file) and filtering the list. The
service re-checks everything; these offer only the organisations the user may record for."""

from django import forms

from core.form_fields import DateInput
from learning.models import AdoptionSource, AdoptionStatus
from regions.models import OrganisationType, Region

DATE_ERRORS = {
    "required": "Enter the date the organisation began, like 2017-01-09",
    "invalid": "Enter the date as a real date, like 2017-01-09",
}


class AdoptionForm(forms.Form):
    """`organisations`, `projects` and `programmes` are the choices (querysets) offered.
    Without `organisations` (an edit) the organisation is fixed and not asked."""

    organisation = forms.ModelChoiceField(
        queryset=None,
        label="Organisation",
        error_messages={
            "required": "Select the organisation that adopted it",
            "invalid_choice": "Select one of the organisations you can record adoptions for",
        },
    )
    status = forms.ChoiceField(
        choices=AdoptionStatus.choices,
        initial=AdoptionStatus.TESTING,
        widget=forms.RadioSelect,
        label="How far it has got",
    )
    adopted_on = forms.DateField(
        widget=DateInput(),
        label="Date it began",
        help_text="For a plan, the date it is to begin.",
        error_messages=DATE_ERRORS,
    )
    source = forms.ChoiceField(
        choices=AdoptionSource.choices,
        initial=AdoptionSource.ELSEWHERE,
        widget=forms.RadioSelect,
        label="Where it came from",
    )
    source_project = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="The project it came from",
        help_text="Needed when it came from a project.",
        empty_label="Not from a project",
    )
    source_programme = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="The programme it came from",
        help_text="Needed when it came from a programme.",
        empty_label="Not from a programme",
    )
    source_note = forms.CharField(
        required=False,
        max_length=300,
        label="Where it came from, in a few words (optional)",
    )

    def __init__(self, *args, organisations=None, projects, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].label_from_instance = _organisation_label
        self.fields["source_project"].queryset = projects
        self.fields["source_programme"].queryset = programmes

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == AdoptionSource.PROJECT and not data.get("source_project"):
            self.add_error("source_project", "Select the project it came from")
        if source == AdoptionSource.PROGRAMME and not data.get("source_programme"):
            self.add_error("source_programme", "Select the programme it came from")
        return data


def _organisation_label(organisation) -> str:
    return f"{organisation} – {organisation.region.name}"


class AdoptionUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file is empty"},
    )
    check_only = forms.BooleanField(
        required=False,
        label="Check the file only: save nothing",
    )


class AdoptionFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Organisation name or ODS code", max_length=100)
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), required=False, empty_label="Any region"
    )
    type = forms.ChoiceField(
        choices=[("", "Any type"), *OrganisationType.choices],
        required=False,
        label="Organisation type",
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *AdoptionStatus.choices], required=False
    )
    change = forms.CharField(required=False, widget=forms.HiddenInput)
    programme = forms.CharField(required=False, widget=forms.HiddenInput)
