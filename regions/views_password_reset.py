"""Password reset by email: Django's four views (ask, sent, choose a new password, done) on the
service's own pages, with its wording.

Asking answers the same whether or not the address has an account, so the page cannot be used to
find out who uses the service; the link in the email works once, for PASSWORD_RESET_TIMEOUT.
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views

PASSWORD_HINT = (
    "At least 8 characters. Not a common password, not only numbers and not like your name, "
    "username or email address."
)


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


class NewPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": "The passwords do not match: enter the same one twice"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.help_text, second.help_text = PASSWORD_HINT, ""
        second.label = "New password again"
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Enter the new password again"


password_reset = auth_views.PasswordResetView.as_view(
    template_name="auth/password_reset.jinja",
    form_class=ResetRequestForm,
    subject_template_name="auth/password_reset_subject.txt",
    email_template_name="auth/password_reset_email.txt",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="auth/password_reset_sent.jinja"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="auth/password_reset_confirm.jinja", form_class=NewPasswordForm
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="auth/password_reset_complete.jinja"
)
