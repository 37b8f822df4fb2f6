"""The page where a signed-in user manages their own API tokens.

One address: GET lists the tokens in force; POST either creates one (its key is shown on the
answer to that POST only, never again: only its digest is stored) or revokes one.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from regions import tokens as token_services

LIFETIMES = [(30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "1 year")]


class TokenForm(forms.Form):
    days = forms.TypedChoiceField(
        label="How long should the token last?",
        coerce=int,
        choices=LIFETIMES,
        widget=forms.RadioSelect,
        initial=90,
        error_messages={
            "required": "Select how long the token should last",
            "invalid_choice": "Select how long the token should last",
        },
    )


def _page(request, form, new_key: str = "", status: int = 200):
    return render(
        request,
        "tokens/tokens.jinja",
        {
            "form": form,
            "new_key": new_key,
            "tokens": list(token_services.tokens_of(request.user)),
        },
        status=status,
    )


def _revoke(request):
    key = request.POST.get("token_key", "")
    found = [token for token in token_services.tokens_of(request.user) if token.token_key == key]
    for token in found:
        token_services.token_revoke(by=request.user, token=token)
    if found:
        messages.success(request, f"The token starting {key[:8]} was revoked: it no longer works.")
    else:
        messages.info(request, "That token had already expired or been revoked.")
    return redirect("tokens")


def tokens(request):
    if request.method == "POST" and request.POST.get("action") == "revoke":
        return _revoke(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return _page(request, form, status=400)
        _, key = token_services.token_create(
            by=request.user, user=request.user, days=form.cleaned_data["days"]
        )
        return _page(request, TokenForm(), new_key=key)
    return _page(request, form)
