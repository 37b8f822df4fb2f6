"""Each entry's and each programme's spread: how many organisations adopt it, over time."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from learning import access
from learning.navigation import programme_tabs
from learning.presenters import spread as present
from learning.views.spread_lookup import (
    programme_adoptions,
    recordable_organisations,
    visible_entry,
    visible_programme,
)


def change_spread(request, slug):
    entry = visible_entry(request, slug)
    today = timezone.localdate()
    adoptions = access.adoptions_visible_to(request.user).filter(entry=entry)
    context = present.spread_context(
        user=request.user,
        adoptions=adoptions,
        period_of=lambda facts: present.entry_period(facts, today),
        markers=[],
        name=f"“{entry.name}”",
        today=today,
    )
    may_record = recordable_organisations(request.user, entry=entry).exists()
    context.update(
        entry=entry,
        breadcrumbs=present.breadcrumbs(entry=entry),
        record_href=reverse("learning:adoption_create") + f"?change={entry.slug}"
        if may_record
        else "",
    )
    return render(request, "learning/spread/change_spread.jinja", context)


def programme_spread(request, slug):
    programme = visible_programme(request, slug)
    today = timezone.localdate()
    context = present.spread_context(
        user=request.user,
        adoptions=programme_adoptions(request.user, programme),
        period_of=lambda facts: present.programme_period(programme, today),
        markers=present.programme_markers(programme),
        name=f"{programme.name}'s changes",
        today=today,
    )
    may_record = recordable_organisations(request.user, package_of=programme).exists()
    context.update(
        programme=programme,
        breadcrumbs=present.breadcrumbs(programme=programme),
        tabs=programme_tabs(programme, "programme_spread"),
        record_href=reverse("learning:adoption_create") + f"?programme={programme.slug}"
        if may_record
        else "",
    )
    return render(request, "learning/spread/programme_spread.jinja", context)
