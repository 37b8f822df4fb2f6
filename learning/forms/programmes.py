"""Forms for programmes, their teams, learning sessions, attendance and shared measures. Errors
name what to fix; the services re-check permission and everything else."""

import re

from django import forms

from core.form_fields import DateInput
from learning.models import FEEDBACK_SCORE_MAX, Programme, ProgrammeMember, SessionMode
from regions import access as regions_access
from regions.models import Region, User
from regions.roles import is_national_admin

DATE_INVALID = "Enter the date as a real date, like 2016-04-01"


class ProgrammeForm(forms.ModelForm):
    lead_regions = forms.ModelMultipleChoiceField(
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Lead regions",
        help_text="The regions that run the programme. You can choose the regions you lead.",
    )
    leads = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Programme leads",
        help_text="Untick someone to stop them leading the programme.",
    )
    add_leads = forms.CharField(
        label="Add programme leads",
        required=False,
        help_text="Their usernames, separated by commas or spaces, for example lead.wessex",
    )

    class Meta:
        model = Programme
        fields = [
            "name",
            "summary",
            "topic",
            "method",
            "status",
            "start_date",
            "end_date",
            "is_national",
            "aim_what",
            "aim_for_whom",
            "aim_how_much",
            "aim_by_when",
            "aim_text",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "aim_text": forms.Textarea(attrs={"rows": 3}),
            "method": forms.RadioSelect,
            "start_date": DateInput(),
            "end_date": DateInput(),
            "aim_by_when": DateInput(),
        }
        error_messages = {
            "name": {"required": "Enter the programme's name"},
            "topic": {"required": "Select the programme's topic"},
            "start_date": {
                "required": "Enter the date the programme starts",
                "invalid": DATE_INVALID,
            },
            "end_date": {"invalid": DATE_INVALID},
            "aim_by_when": {"invalid": DATE_INVALID},
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        regions = regions_access.regions_writable_by(user)
        if self.instance.pk:
            # The lead regions it has stay choosable even for an editor who does not lead them.
            current = self.instance.lead_regions.values("pk")
            regions = Region.objects.filter(pk__in=regions.values("pk")) | Region.objects.filter(
                pk__in=current
            )
            self.fields["lead_regions"].initial = list(self.instance.lead_regions.all())
            self.fields["leads"].queryset = self.instance.leads.order_by("last_name")
            self.fields["leads"].initial = list(self.instance.leads.all())
        else:
            del self.fields["leads"]
            self.fields["add_leads"].help_text = (
                "You lead it. " + self.fields["add_leads"].help_text
            )
        self.fields["lead_regions"].queryset = regions.distinct().order_by("name")
        if not is_national_admin(user):
            del self.fields["is_national"]
        self.fields["topic"].choices = [("", "Select a topic"), *self.fields["topic"].choices[1:]]

    def clean_add_leads(self):
        names = [n for n in re.split(r"[\s,]+", self.cleaned_data["add_leads"]) if n]
        people = regions_access.people_nameable_by(self.user).filter(username__in=names)
        missing = sorted(set(names) - {person.username for person in people})
        if missing:
            raise forms.ValidationError(
                "No one uses the service with the username " + ", ".join(missing)
            )
        return list(people)

    def service_values(self) -> dict:
        """The cleaned data as the programme services take it."""
        values = dict(self.cleaned_data)
        added = values.pop("add_leads")
        if "leads" in values:
            values["leads"] = [*values["leads"], *added]
        else:
            values["leads"] = added
        return values


class ProgrammeFilterForm(forms.Form):
    status = forms.ChoiceField(required=False)
    topic = forms.ChoiceField(required=False)
    region = forms.ModelChoiceField(
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label="Any region",
        label="Lead region",
        to_field_name="slug",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = Programme._meta.get_field("status")
        topic = Programme._meta.get_field("topic")
        self.fields["status"].choices = [("", "Any status"), *status.choices]
        self.fields["topic"].choices = [("", "Any topic"), *topic.choices]


class MemberAddForm(forms.Form):
    project = forms.ModelChoiceField(
        queryset=None,
        label="Project",
        empty_label="Select a project",
        error_messages={"required": "Select the project joining the programme"},
        help_text="Any region's project can join: its region is shown after its title.",
    )
    joined_on = forms.DateField(
        label="Date it joined",
        widget=DateInput(),
        error_messages={"required": "Enter the date the team joined", "invalid": DATE_INVALID},
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda project: (
            f"{project.title} ({project.lead_region.name})"
        )


class MemberUpdateForm(forms.ModelForm):
    class Meta:
        model = ProgrammeMember
        fields = ["joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}
        labels = {"joined_on": "Date it joined", "left_on": "Date it left"}
        help_texts = {"left_on": "Leave blank while the team is still in the programme."}
        error_messages = {
            "joined_on": {"required": "Enter the date the team joined", "invalid": DATE_INVALID},
            "left_on": {"invalid": DATE_INVALID},
        }


_MATERIAL_LINE = re.compile(r"^(?P<title>.*?)\s*(?P<url>https?://\S+)$")


class SessionForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter the session's title"}
    )
    held_on = forms.DateField(
        label="Date",
        widget=DateInput(),
        error_messages={"required": "Enter the date of the session", "invalid": DATE_INVALID},
    )
    mode = forms.ChoiceField(
        choices=SessionMode.choices, widget=forms.RadioSelect, initial=SessionMode.IN_PERSON
    )
    place = forms.CharField(
        max_length=200, required=False, help_text="Where, if in person", label="Place"
    )
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False)
    materials = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Materials",
        help_text="One a line: its title, then its link, for example "
        "Launch slides https://example.org/slides.pdf",
    )

    def clean_materials(self):
        materials = []
        for number, line in enumerate(self.cleaned_data["materials"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _MATERIAL_LINE.match(line.strip())
            if not match:
                raise forms.ValidationError(
                    f"Line {number}: end it with the material's link, starting https://"
                )
            title = match["title"].strip(" -–:") or match["url"]
            materials.append((title[:200], match["url"]))
        return materials

    @staticmethod
    def materials_text(session) -> str:
        return "\n".join(f"{m.title} {m.url}" for m in session.materials.all())


CONTRIBUTED_CHOICES = [("", "Not asked"), ("yes", "Yes"), ("no", "No")]


class AttendanceForm(forms.Form):
    """For each team of the programme: whether it attended, who came (optional), the feedback
    score they gave and whether they said they contributed to learning."""

    def __init__(self, *args, teams: list[dict], **kwargs):
        """`teams`: [{project, people (queryset), row (existing attendance or None)}]."""
        super().__init__(*args, **kwargs)
        self.teams = teams
        for team in teams:
            self._add_team_fields(team)

    def _add_team_fields(self, team) -> None:
        pk, row, title = team["project"].pk, team["row"], team["project"].title
        self.fields[f"attended_{pk}"] = forms.BooleanField(
            required=False, label=f"{title} attended", initial=row is not None
        )
        self.fields[f"person_{pk}"] = forms.ModelChoiceField(
            queryset=team["people"],
            required=False,
            label="Person (optional)",
            empty_label="The team, no one named",
            initial=row.user_id if row else None,
        )
        self.fields[f"score_{pk}"] = forms.IntegerField(
            required=False,
            min_value=0,
            max_value=FEEDBACK_SCORE_MAX,
            label=f"Feedback score, 0 to {FEEDBACK_SCORE_MAX} (optional)",
            initial=row.feedback_score if row else None,
            error_messages={
                "invalid": f"Enter a whole number from 0 to {FEEDBACK_SCORE_MAX}",
                "min_value": f"Enter a feedback score from 0 to {FEEDBACK_SCORE_MAX}",
                "max_value": f"Enter a feedback score from 0 to {FEEDBACK_SCORE_MAX}",
            },
        )
        contributed = (
            "" if not row or row.contributed is None else ("yes" if row.contributed else "no")
        )
        self.fields[f"contributed_{pk}"] = forms.ChoiceField(
            choices=CONTRIBUTED_CHOICES,
            required=False,
            widget=forms.RadioSelect,
            label="Said they contributed to learning",
            initial=contributed,
        )

    def rows(self) -> list[dict]:
        """Each team's bound fields, for the template."""
        return [
            {
                "project": team["project"],
                "fields": [self[f"{name}_{team['project'].pk}"] for name in FIELD_NAMES],
            }
            for team in self.teams
        ]

    def decisions(self) -> list[dict]:
        """What to record for each team: {project, row, attended, user, score, contributed}."""
        answers = {"yes": True, "no": False}
        return [
            {
                "project": team["project"],
                "row": team["row"],
                "attended": self.cleaned_data[f"attended_{team['project'].pk}"],
                "user": self.cleaned_data[f"person_{team['project'].pk}"],
                "feedback_score": self.cleaned_data[f"score_{team['project'].pk}"],
                "contributed": answers.get(self.cleaned_data[f"contributed_{team['project'].pk}"]),
            }
            for team in self.teams
        ]


FIELD_NAMES = ("attended", "person", "score", "contributed")


class SharedMeasureForm(forms.Form):
    standard = forms.ModelChoiceField(
        queryset=None,
        label="Standard measure",
        empty_label="Select a measure from the national library",
        error_messages={"required": "Select a measure from the national library"},
    )
    is_mandatory = forms.TypedChoiceField(
        choices=[
            ("yes", "Mandatory: every team collects it"),
            ("no", "Optional: teams may collect it"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        label="Must every team collect it?",
        error_messages={"required": "Choose whether every team must collect it"},
    )

    def __init__(self, *args, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards
        self.fields["is_mandatory"].choice_hints = {
            "yes": "Each team gets its own measure of it, with the library's definition and "
            "chart, if it has none."
        }


class SharedMeasureUpdateForm(forms.Form):
    """Whether every team of the programme collects a shared measure, or may."""

    is_mandatory = forms.TypedChoiceField(
        choices=[
            ("yes", "Every team collects it"),
            ("no", "Optional: teams may collect it"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Must every team collect it?",
        error_messages={"required": "Choose whether every team must collect it"},
    )

    def __init__(self, *args, shared, **kwargs):
        initial = {"is_mandatory": "yes" if shared.is_mandatory else "no"}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["is_mandatory"].choice_hints = {
            "yes": "A team without its own measure of it gets one, with the library's definition "
            "and chart.",
            "no": "Teams that have their own measure of it keep it and its data.",
        }
