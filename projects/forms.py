"""Forms for projects and PDSA cycles. Errors name what to fix; services re-check everything."""

from decimal import Decimal

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone

from core.form_fields import DateInput
from projects.models import PDSACycle, Project, ProjectRole, ProjectStatus
from projects.services.organisations import organisations_outside
from regions import access as regions_access
from regions.models import Organisation, User

# The IHI progress scale: what each score means, so leads score consistently.
PROGRESS_SCALE = [
    ("0.5", "0.5 – Intent to participate"),
    ("1.0", "1.0 – Charter and team established"),
    ("1.5", "1.5 – Planning for the project has begun"),
    ("2.0", "2.0 – Activity, but no changes"),
    ("2.5", "2.5 – Changes tested, but no improvement"),
    ("3.0", "3.0 – Modest improvement"),
    ("3.5", "3.5 – Improvement"),
    ("4.0", "4.0 – Significant improvement"),
    ("4.5", "4.5 – Sustainable improvement"),
    ("5.0", "5.0 – Outstanding sustainable results"),
]


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "lead_region",
            "participating_regions",
            "topic",
            "care_settings",
            "organisations",
            "status",
            "status_since",
            "start_date",
            "expected_end_date",
            "completed_on",
            "progress_score",
            "aim_what",
            "aim_for_whom",
            "aim_how_much",
            "aim_by_when",
            "aim_text",
        ]
        widgets = {
            "participating_regions": forms.CheckboxSelectMultiple,
            "care_settings": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "status_since": DateInput(),
            "start_date": DateInput(),
            "expected_end_date": DateInput(),
            "completed_on": DateInput(),
            "aim_by_when": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "aim_text": forms.Textarea(attrs={"rows": 3}),
            "progress_score": forms.Select(choices=[("", "Not scored yet"), *PROGRESS_SCALE]),
        }
        error_messages = {
            "title": {"required": "Enter the project's title"},
            "lead_region": {"required": "Select the region that leads the project"},
            "topic": {"required": "Select the project's topic"},
            "start_date": {
                "required": "Enter the project's start date",
                "invalid": "Enter the start date as a real date, like 2016-04-01",
            },
            "status_since": {"invalid": "Enter the date as a real date, like 2016-04-01"},
            "expected_end_date": {"invalid": "Enter the date as a real date, like 2017-03-31"},
            "completed_on": {"invalid": "Enter the date as a real date, like 2017-03-31"},
            "progress_score": {"invalid": "Enter a progress score from 0.5 to 5.0"},
        }
        help_texts = {
            "status_since": "When the current status began. Leave blank for today.",
            "completed_on": "Needed when the status is completed.",
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_region"].queryset = regions_access.regions_writable_by(user)
        if self.instance.pk:
            # The lead region may stay as it is even if this editor does not lead it.
            self.fields["lead_region"].queryset = (
                self.fields["lead_region"].queryset
                | type(self.instance.lead_region).objects.filter(pk=self.instance.lead_region_id)
            ).distinct()
        self.fields["lead_region"].empty_label = "Select a region"
        self._offer_regions()
        # Any organisation may be sent; clean() refuses those outside the project's regions,
        # naming them. The page offers them through the picker (projects.picker).
        self.fields["organisations"].queryset = Organisation.objects.select_related("region")
        self.fields["status_since"].required = False
        if self.instance.status != ProjectStatus.STALLED:
            # Only the nightly sweep stalls a project; a stalled one may stay so.
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] != ProjectStatus.STALLED
            ]
        self.fields["topic"].choices = [("", "Select a topic"), *self.fields["topic"].choices[1:]]

    @property
    def leadable_regions(self):
        return self.fields["lead_region"].queryset

    def _offer_regions(self):
        """The only region this editor can lead is chosen already, and not offered again as a
        participating region (clean() still refuses it if sent)."""
        leadable = list(self.leadable_regions)
        if len(leadable) != 1:
            return
        (lead,) = leadable
        if not self.instance.pk:
            self.initial.setdefault("lead_region", lead.pk)
        participating = self.fields["participating_regions"]
        participating.widget.choices = [
            (value, label) for value, label in participating.choices if str(value) != str(lead.pk)
        ]

    def chosen_organisations(self) -> list:
        """The organisations ticked so far (sent, or the project's), for the picker's list."""
        values = self["organisations"].value() or []
        ids = {int(v) for v in values if str(v).isdigit()}
        return list(
            Organisation.objects.filter(id__in=ids).select_related("region").order_by("name")
        )

    def without_errors(self):
        """For a round trip to the organisation search: show what was typed, with no errors
        before the person has asked to save."""
        self._errors = ErrorDict()
        return self

    def _default_status_since(self, cleaned):
        """Left blank: an unchanged status keeps its date; a new one starts today (or, for a
        new project, on its start date)."""
        if self.instance.pk and cleaned.get("status") == self.instance.status:
            return self.instance.status_since
        if self.instance.pk:
            return timezone.localdate()
        return cleaned.get("start_date")

    def clean_progress_score(self):
        score = self.cleaned_data.get("progress_score")
        return None if score is None else Decimal(score)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("status_since"):
            cleaned["status_since"] = self._default_status_since(cleaned)
        lead = cleaned.get("lead_region")
        if lead and lead in (cleaned.get("participating_regions") or []):
            self.add_error(
                "participating_regions",
                f"{lead.name} leads the project, so do not also tick it as participating",
            )
        outside = organisations_outside(
            lead, cleaned.get("participating_regions") or [], cleaned.get("organisations") or []
        )
        if lead and outside:
            self.add_error(
                "organisations",
                "Untick the organisations not in the lead or a participating region: "
                + ", ".join(o.name for o in outside),
            )
        return cleaned


class PDSACycleForm(forms.ModelForm):
    class Meta:
        model = PDSACycle
        fields = [
            "change_idea",
            "follows",
            "title",
            "objective",
            "owner",
            "status",
            "start_date",
            "end_date",
            "questions",
            "predictions",
            "plan",
            "what_happened",
            "results",
            "decision",
            "next_steps",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "decision": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "objective",
                    "questions",
                    "predictions",
                    "plan",
                    "what_happened",
                    "results",
                    "next_steps",
                )
            },
        }
        labels = {"change_idea": "Change idea tested", "follows": "Follows cycle"}
        error_messages = {
            "change_idea": {"required": "Select the change idea this cycle tests"},
            "title": {"required": "Enter a title for the cycle"},
            "objective": {"required": "Enter the cycle's objective"},
            "start_date": {
                "required": "Enter the date the cycle starts",
                "invalid": "Enter the start date as a real date, like 2016-07-04",
            },
            "end_date": {"invalid": "Enter the end date as a real date, like 2016-07-11"},
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        self.fields["change_idea"].queryset = project.change_ideas.all()
        self.fields["change_idea"].empty_label = "Select a change idea"
        self.fields["follows"].queryset = project.pdsa_cycles.exclude(pk=self.instance.pk)
        self.fields["follows"].empty_label = "None: this is the first cycle of its ramp"
        self.fields["owner"].queryset = User.objects.filter(
            project_memberships__project=project
        ).order_by("last_name")
        self.fields["owner"].empty_label = "No owner yet"
        self.fields["decision"].choices = self.fields["decision"].choices[1:]
        self.fields["decision"].required = False


# The people search's box; a refused choice of person is shown there, where it was made.
PERSON_SEARCH_ID = "person-search"


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label="Name or email address",
        required=False,
        max_length=200,
        help_text="Part of a name or email address is enough, like “smith” or “@uhs.nhs”.",
        widget=forms.TextInput(attrs={"id": PERSON_SEARCH_ID}),
    )


class MemberForm(forms.Form):
    """Adding someone chosen from the people search's results to the team."""

    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        widget=forms.HiddenInput(attrs={"id": PERSON_SEARCH_ID}),
        error_messages={
            "required": "Search for the person, then choose them from the results",
            "invalid_choice": "Choose someone from the search results who is not on the team yet",
        },
    )
    role = forms.ChoiceField(
        choices=ProjectRole.choices,
        initial=ProjectRole.MEMBER,
        error_messages={"invalid_choice": "Select a role on the team"},
    )

    def __init__(self, *args, people, **kwargs):
        """`people`: whom this editor may add (not on the team already)."""
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
