from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("regions/", views.region_list, name="list"),
    path("regions/<str:slug>/", views.region_detail, name="detail"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_update, name="organisation_update"),
]
