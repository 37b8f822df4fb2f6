"""The spread pages: each entry's and programme's spread, and recording adoptions."""

from django.urls import path

from learning.views import spread, spread_adoptions, spread_upload

urlpatterns = [
    path("changes/<slug:slug>/spread/", spread.change_spread, name="change_spread"),
    path("programmes/<slug:slug>/spread/", spread.programme_spread, name="programme_spread"),
    path("adoptions/", spread_adoptions.adoption_list, name="adoption_list"),
    path("adoptions/new/", spread_adoptions.adoption_create, name="adoption_create"),
    path("adoptions/<int:pk>/edit/", spread_adoptions.adoption_update, name="adoption_update"),
    path("adoptions/upload/", spread_upload.adoption_upload, name="adoption_upload"),
    path(
        "adoptions/upload/template.csv",
        spread_upload.adoption_upload_template,
        name="adoption_upload_template",
    ),
]
