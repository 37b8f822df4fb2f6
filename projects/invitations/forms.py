"""The form a lead fills in to invite someone; the invited person's form is
`regions.account_forms.NewAccountForm`."""

from django import forms

EMAIL_ERRORS = {
    "required": "Enter their email address",
    "invalid": "Enter an email address in the right format, like name@nhs.net",
}


class InviteForm(forms.Form):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter their first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter their last name"}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Their work address: the invitation goes there.",
        error_messages=EMAIL_ERRORS,
    )
    role = forms.ChoiceField(
        label="Role on the team",
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role on the team"},
    )

    def __init__(self, *args, roles: list[tuple[str, str]] | None, **kwargs):
        """`roles` to choose from, or None where there is only one (a region's lead)."""
        super().__init__(*args, **kwargs)
        if roles is None:
            del self.fields["role"]
        else:
            self.fields["role"].choices = roles
