from django.urls import path

from learning.views import catalogue, catalogue_links

urlpatterns = [
    path("changes/", catalogue.change_list, name="change_list"),
    path("changes/new/", catalogue.change_create, name="change_create"),
    path("changes/link/<int:idea_pk>/", catalogue_links.change_idea_link, name="change_idea_link"),
    path("changes/<slug:slug>/", catalogue.change_detail, name="change_detail"),
    path("changes/<slug:slug>/edit/", catalogue.change_update, name="change_update"),
    path("changes/<slug:slug>/history/", catalogue.change_history, name="change_history"),
    path("changes/<slug:slug>/resources/", catalogue.resource_add, name="resource_add"),
    path(
        "changes/<slug:slug>/resources/<int:resource_pk>/remove/",
        catalogue.resource_remove,
        name="resource_remove",
    ),
    path(
        "programmes/<slug:slug>/package/",
        catalogue_links.programme_package,
        name="programme_package",
    ),
    path(
        "programmes/<slug:slug>/package/<int:item_pk>/remove/",
        catalogue_links.package_item_remove,
        name="package_item_remove",
    ),
]
