"""The form of a stalled project's "Close project" button."""

from django import forms
from django.utils import timezone

from core.form_fields import DateInput
from projects.models import Project


class StalledCloseForm(forms.Form):
    """Closing a stalled project: completed on a date, or (left blank) stopped."""

    completed_on = forms.DateField(
        label="Completed on",
        required=False,
        widget=DateInput(),
        help_text="Leave blank if the project stopped without finishing.",
        error_messages={"invalid": "Enter the date as a real date, like 2026-03-31"},
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, prefix=f"project-{project.pk}", **kwargs)
        self.project = project

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day and day < self.project.start_date:
            raise forms.ValidationError("The completion date must be on or after the start date")
        if day and day > timezone.localdate():
            raise forms.ValidationError("The completion date must be today or in the past")
        return day
