"""Recording an adoption, changing one, and the list of every adoption."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse

from core.lookup import refuse_unless
from core.wording import plural
from learning import access
from learning.forms.spread import AdoptionFilterForm, AdoptionForm
from learning.presenters import spread as present
from learning.services import adoptions as services
from learning.services.permissions import check_may_record_adoption
from learning.views.spread_lookup import (
    adopted_thing,
    adoption_or_404,
    recordable_organisations,
    source_choices,
)
from regions.access import organisations_visible_to

ADOPTIONS_PER_PAGE = 50


def _spread_href(entry, programme) -> str:
    if entry is not None:
        return reverse("learning:change_spread", args=[entry.slug])
    return reverse("learning:programme_spread", args=[programme.slug])


def _add_errors(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def _refuse_organisation_not_theirs(request, entry, programme) -> None:
    """A posted organisation the user may not record for is refused outright (403), as the
    service would, rather than shown as a choice error."""
    posted = request.POST.get("organisation", "")
    organisation = (
        organisations_visible_to(request.user).filter(pk=posted).first()
        if posted.isdigit()
        else None
    )
    if organisation is not None:
        check_may_record_adoption(request.user, organisation, entry=entry, package_of=programme)


def adoption_create(request):
    entry, programme = adopted_thing(request)
    organisations = recordable_organisations(request.user, entry=entry, package_of=programme)
    adopts = entry or programme
    refuse_unless(
        organisations.exists(),
        f"Only regional leads, leads of the programme concerned and national admins can "
        f"record who has adopted {'the change package of ' if programme else ''}“{adopts}”.",
    )
    if request.method == "POST":
        _refuse_organisation_not_theirs(request, entry, programme)
    projects, programmes = source_choices(request.user, entry=entry, package_of=programme)
    form = AdoptionForm(
        request.POST or None,
        organisations=organisations.select_related("region"),
        projects=projects,
        programmes=programmes,
    )
    if request.method == "POST" and form.is_valid():
        try:
            adoption = services.adoption_record(
                by=request.user, entry=entry, package_of=programme, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, f"{adoption.organisation.name}'s adoption of “{adopts}” was recorded."
            )
            return redirect(_spread_href(entry, programme))
    return render(
        request,
        "learning/spread/adoption_form.jinja",
        {
            "form": form,
            "entry": entry,
            "programme": programme,
            "adopts": adopts,
            "adoption": None,
            "back_href": _spread_href(entry, programme),
        },
    )


def adoption_update(request, pk):
    adoption = adoption_or_404(request, pk)
    projects, programmes = source_choices(
        request.user, entry=adoption.entry, package_of=adoption.package_of
    )
    initial = {name: getattr(adoption, name) for name in services.FIELDS}
    form = AdoptionForm(
        request.POST or None, initial=initial, projects=projects, programmes=programmes
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_update(by=request.user, adoption=adoption, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{adoption.organisation.name}'s adoption was updated.")
            return redirect(_spread_href(adoption.entry, adoption.package_of))
    return render(
        request,
        "learning/spread/adoption_form.jinja",
        {
            "form": form,
            "entry": adoption.entry,
            "programme": adoption.package_of,
            "adopts": adoption.adopts,
            "adoption": adoption,
            "history": present.history_rows(adoption),
            "back_href": _spread_href(adoption.entry, adoption.package_of),
        },
    )


def _filtered(request):
    form = AdoptionFilterForm(request.GET or None)
    adoptions = access.adoptions_visible_to(request.user)
    if not form.is_valid():
        return form, adoptions
    chosen = form.cleaned_data
    if chosen["q"]:
        adoptions = adoptions.filter(
            Q(organisation__name__icontains=chosen["q"])
            | Q(organisation__ods_code__iexact=chosen["q"])
        )
    if chosen["region"]:
        adoptions = adoptions.filter(organisation__region=chosen["region"])
    if chosen["type"]:
        adoptions = adoptions.filter(organisation__type=chosen["type"])
    if chosen["status"]:
        adoptions = adoptions.filter(status=chosen["status"])
    if chosen["change"]:
        adoptions = adoptions.filter(entry__slug=chosen["change"])
    if chosen["programme"]:
        adoptions = adoptions.filter(package_of__slug=chosen["programme"])
    return form, adoptions


def adoption_list(request):
    form, adoptions = _filtered(request)
    page = Paginator(present.with_columns(adoptions), ADOPTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/spread/adoption_list.jinja",
        {
            "filter_form": form,
            "page": page,
            "rows": present.adoption_rows(request.user, list(page.object_list)),
            "caption": plural(page.paginator.count, "adoption"),
            "query_string": query.urlencode(),
            "may_upload": services.may_record_some(request.user),
        },
    )
