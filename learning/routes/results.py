"""The results part's pages: a programme's charts of its teams and of the collaborative."""

from django.urls import path

from learning.views import results

urlpatterns = [
    path("programmes/<slug:slug>/results/", results.programme_results, name="programme_results"),
]
