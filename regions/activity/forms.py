"""Forms for activity records. Every error names its field; CSV rows are checked with the same
forms (regions/activity/csv_import.py), and the services check the same rules again."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from core.form_fields import DateInput
from regions import access
from regions.activity import rules
from regions.activity.kinds import CHAMPIONS, CULTURE, ENGAGEMENT, TRAINING, Kind
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    QILevel,
    Region,
    TrainingRecord,
    User,
)
from regions.validators import normalise_ods_code

EXAMPLE_DATE = "2016-06-01"
NUMBER = forms.TextInput(attrs={"inputmode": "numeric"})


def _date_messages(name: str) -> dict:
    return {
        "required": f"Enter the {name}",
        "invalid": f"Enter the {name} as a real date, like {EXAMPLE_DATE}",
    }


def _number_messages(name: str, least: int = 0) -> dict:
    return {
        "required": f"Enter the {name}",
        "invalid": f"Enter the {name} as a whole number, like 25",
        "min_value": f"The {name} must be {least} or more",
    }


def _choice_messages(sentence: str) -> dict:
    return {"required": sentence, "invalid_choice": sentence}


class ActivityForm(forms.ModelForm):
    """A record of one kind in one region; the region comes from the page, never the form."""

    kind: Kind

    def __init__(self, *args, region: Region, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.region, self.user = region, user
        self.instance.region = region
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [choice for choice in field.choices if choice[0] != ""]

    def clean(self):
        cleaned = super().clean()
        values = {
            name: cleaned[name]
            for name in self.kind.fields
            if name in cleaned and name not in self.errors
        }
        found = rules.problems(
            self.kind, values, region=self.region, pk=self.instance.pk, today=timezone.localdate()
        )
        for field, message in found.items():
            self.add_error(field, message)
        return cleaned

    def _post_clean(self):
        """Model validation without asking the database about each check constraint (three
        queries each on PostgreSQL, for every row of a CSV file): `clean` has already applied
        the rules that say the same in words, and the services and database enforce them."""
        self.instance.validate_constraints = lambda exclude=None: None
        try:
            super()._post_clean()
        finally:
            del self.instance.validate_constraints

    def record_fields(self) -> dict:
        """The cleaned values the services take."""
        return {name: self.cleaned_data[name] for name in self.kind.fields}


class OrganisationChoice(ActivityForm):
    """The region's own organisations in a list; any other in the register by its ODS code."""

    organisation_ods_code = forms.CharField(
        label="Or, for an organisation registered in another region, its ODS code",
        required=False,
        max_length=10,
        help_text="Like RHM or A81001",
    )
    organisation_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        # The one already chosen stays offered, even when it is another region's.
        field.queryset = access.organisations_visible_to(self.user).filter(
            Q(region=self.region) | Q(pk=self.instance.organisation_id)
        )
        field.required = False
        field.empty_label = (
            "Select an organisation" if self.organisation_required else "None, or not in the list"
        )

    def clean(self):
        self._resolve_ods_code()
        if (
            self.organisation_required
            and not self.cleaned_data.get("organisation")
            and not (self.has_error("organisation") or self.has_error("organisation_ods_code"))
        ):
            self.add_error("organisation", "Select the organisation engaged, or enter its ODS code")
        return super().clean()

    def _resolve_ods_code(self) -> None:
        code = normalise_ods_code(self.cleaned_data.get("organisation_ods_code", ""))
        if not code:
            return
        found = access.organisations_visible_to(self.user).filter(ods_code=code).first()
        chosen = self.cleaned_data.get("organisation")
        if found is None:
            self.add_error(
                "organisation_ods_code",
                f"No organisation in the register has the "
                f"ODS code {code}: check the code, or add the organisation first",
            )
        elif chosen and chosen != found:
            self.add_error(
                "organisation_ods_code",
                f"{code} is {found.name}, not the "
                f"organisation chosen in the list: choose one or the other",
            )
        else:
            self.cleaned_data["organisation"] = found


class TrainingForm(OrganisationChoice):
    kind = TRAINING
    field_order = [*TRAINING.fields[:-1], "organisation", "organisation_ods_code"]

    class Meta:
        model = TrainingRecord
        fields = list(TRAINING.fields)
        widgets = {
            "date": DateInput(),
            "training_type": forms.RadioSelect,
            "qi_level": forms.RadioSelect,
            "people_trained": NUMBER,
            "patients_trained": NUMBER,
        }
        labels = {
            "date": "Date delivered",
            "course": "Course or programme",
            "people_trained": "Number of staff and others trained",
            "patients_trained": "Of them, how many were patients or carers",
            "organisation": "Organisation (optional)",
        }
        help_texts = {
            "qi_level": "Only for QI capability training",
            "people_trained": "Everyone trained, patients and carers included",
            "patients_trained": "0 if none",
            "organisation": "The organisation trained, if the training was for one",
        }
        error_messages = {
            "date": _date_messages("date delivered"),
            "course": {"required": "Enter the course or programme"},
            "training_type": _choice_messages("Select the training type"),
            "qi_level": _choice_messages(
                "Select bronze, silver or gold as the QI capability level"
            ),
            "people_trained": _number_messages("number of people trained"),
            "patients_trained": _number_messages("number of patients or carers"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patients_trained"].required = False
        self.fields["qi_level"].choices = QILevel.choices

    def clean_patients_trained(self) -> int:
        value = self.cleaned_data.get("patients_trained")
        return 0 if value is None else value


class ChampionsForm(ActivityForm):
    kind = CHAMPIONS

    class Meta:
        model = ChampionRecruitment
        fields = list(CHAMPIONS.fields)
        widgets = {"date": DateInput(), "kind": forms.RadioSelect, "count": NUMBER}
        labels = {"date": "Date recruited", "kind": "Kind of champion", "count": "Number recruited"}
        error_messages = {
            "date": _date_messages("date recruited"),
            "kind": _choice_messages("Select the kind of champion"),
            "count": _number_messages("number recruited", least=1),
        }


class EngagementForm(OrganisationChoice):
    kind = ENGAGEMENT
    organisation_required = True
    field_order = ["organisation", "organisation_ods_code", "first_engaged", "route"]

    class Meta:
        model = OrganisationEngagement
        fields = list(ENGAGEMENT.fields)
        widgets = {"first_engaged": DateInput(), "route": forms.RadioSelect}
        labels = {"first_engaged": "Date first engaged", "route": "How it was engaged"}
        error_messages = {
            "first_engaged": _date_messages("date first engaged"),
            "route": _choice_messages("Select how the organisation was engaged"),
        }


class CultureForm(OrganisationChoice):
    kind = CULTURE
    field_order = ["team", "organisation", "organisation_ods_code", "date", "tool"]

    class Meta:
        model = CultureAssessment
        fields = list(CULTURE.fields)
        widgets = {"date": DateInput(), "tool": forms.RadioSelect}
        labels = {
            "team": "Team assessed",
            "date": "Date assessed",
            "tool": "Assessment tool",
            "organisation": "Organisation (optional)",
        }
        help_texts = {"team": "For example, Ward 7 or the community nursing team"}
        error_messages = {
            "team": {"required": "Enter the team assessed"},
            "date": _date_messages("date assessed"),
            "tool": _choice_messages("Select the assessment tool"),
        }


FORMS: dict[str, type[ActivityForm]] = {
    form.kind.slug: form for form in (TrainingForm, ChampionsForm, EngagementForm, CultureForm)
}


class YearFilterForm(forms.Form):
    year = forms.ChoiceField(label="Financial year", required=False)

    def __init__(self, *args, years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years"), *((y, y) for y in years)]

    def chosen_year(self) -> str:
        return self.cleaned_data["year"] if self.is_valid() else ""


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file is empty"},
    )
