"""My measures: the user's measures and the periods still to enter."""

from django.shortcuts import render
from django.utils import timezone

from measurement.presenters import entry as present


def my_measures(request):
    context = present.my_measures_context(request.user, timezone.localdate())
    return render(request, "measurement/entry/my_measures.jinja", context)
