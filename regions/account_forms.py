"""Forms for people's own accounts: asking for a password reset, choosing a new password, and
choosing a username and password for a new account (an accepted invitation). Wording follows the
NHS service manual: errors say what to do."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from regions.models import User

PASSWORD_HINT = (
    "At least 8 characters. Not a common password, not only numbers and not like your name, "
    "username or email address."
)
MISMATCH = "The passwords do not match: enter the same one twice"


class ResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@nhs.net",
        },
    )


def _word_password_fields(first: forms.Field, second: forms.Field, noun: str) -> None:
    first.help_text, second.help_text = PASSWORD_HINT, ""
    second.label = f"{first.label} again"
    first.error_messages["required"] = f"Enter a {noun}"
    second.error_messages["required"] = f"Enter the {noun} again"


class NewPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": MISMATCH}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _word_password_fields(
            self.fields["new_password1"], self.fields["new_password2"], "new password"
        )


class NewAccountForm(auth_forms.SetPasswordMixin, forms.Form):
    """A username and password for `person`, a user not yet saved (whose name and email the
    password must not resemble)."""

    error_messages = {"password_mismatch": MISMATCH}
    username = forms.CharField(
        label="Username",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="You sign in with this. Letters, numbers and @ . + - _ only.",
        error_messages={"required": "Enter a username"},
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(label1="Password")

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        _word_password_fields(self.fields["password1"], self.fields["password2"], "password")

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"The username {username} is taken: choose another")
        return username

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        self.person.username = cleaned.get("username", "")
        self.validate_password_for_user(self.person, password_field_name="password1")
        return cleaned
