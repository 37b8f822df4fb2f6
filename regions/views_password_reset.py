"""Password reset by email: Django's four views (ask, sent, choose a new password, done) on the
service's own pages, with its wording.

Asking answers the same whether or not the address has an account, so the page cannot be used to
find out who uses the service; the link in the email works once, for PASSWORD_RESET_TIMEOUT.
"""

from django.contrib.auth import views as auth_views

from regions.account_forms import NewPasswordForm, ResetRequestForm

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
