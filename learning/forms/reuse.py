"""The form for starting a project from a story. It offers the regions the user may start
projects in and their organisations; the service checks both again."""

from django import forms
from django.utils import timezone

from core.form_fields import DateInput
from regions import access as regions_access
from regions.models import Organisation, User


class StartFromStoryForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        label="Title of the new project",
        help_text="The story's title to begin with; change it to say what your team will do.",
        error_messages={"required": "Enter the new project's title"},
    )
    lead_region = forms.ModelChoiceField(
        queryset=None,
        label="Region that leads it",
        error_messages={
            "required": "Select the region that leads the project",
            "invalid_choice": "Select one of the regions you lead",
        },
    )
    organisation = forms.ModelChoiceField(
        queryset=None,
        label="Organisation it is for",
        help_text="An organisation of the region that leads it. Its adoption of the story's "
        "changes is recorded as planned.",
        error_messages={
            "required": "Select the organisation the project is for",
            "invalid_choice": "Select one of the organisations of the regions you lead",
        },
    )
    start_date = forms.DateField(
        widget=DateInput(),
        label="Start date",
        error_messages={
            "required": "Enter the project's start date",
            "invalid": "Enter the start date as a real date, like 2027-01-04",
        },
    )

    def __init__(self, *args, user: User, story, **kwargs):
        super().__init__(*args, **kwargs)
        regions = regions_access.regions_writable_by(user)
        self.fields["lead_region"].queryset = regions
        self.fields["lead_region"].empty_label = "Select a region"
        organisations = Organisation.objects.filter(region__in=regions).select_related("region")
        # Listed region by region, as the adoption form words them: "Name (ODS) – Region".
        self.fields["organisation"].queryset = organisations.order_by("region__name", "name")
        self.fields["organisation"].label_from_instance = _organisation_label
        self.fields["organisation"].empty_label = "Select an organisation"
        self.initial.setdefault("title", story.project.title)
        self.initial.setdefault("start_date", timezone.localdate())
        only = list(regions[:2])
        if len(only) == 1:
            self.initial.setdefault("lead_region", only[0].pk)

    def clean(self):
        data = super().clean()
        region, organisation = data.get("lead_region"), data.get("organisation")
        if region and organisation and organisation.region_id != region.pk:
            self.add_error(
                "organisation",
                f"{organisation.name} is in {organisation.region.name}: select an organisation "
                f"of {region.name}, the region that leads the project",
            )
        return data


def _organisation_label(organisation) -> str:
    return f"{organisation} – {organisation.region.name}"
