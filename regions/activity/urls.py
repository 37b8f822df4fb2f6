from django.urls import path

from regions.activity import views

app_name = "activity"

# <kind> is one of regions.activity.kinds.KINDS: training, champions, engagement, culture.
BASE = "regions/<str:slug>/activity/"

urlpatterns = [
    path(BASE, views.overview, name="overview"),
    path(BASE + "<str:kind>/", views.record_list, name="list"),
    path(BASE + "<str:kind>/new/", views.record_create, name="create"),
    path(BASE + "<str:kind>/<int:pk>/edit/", views.record_update, name="update"),
    path(BASE + "<str:kind>/<int:pk>/delete/", views.record_delete, name="delete"),
    path(BASE + "<str:kind>/upload/", views.csv_upload, name="csv_upload"),
    path(BASE + "<str:kind>/template.csv", views.csv_template, name="csv_template"),
]
