from django.urls import path

from measurement.views import (
    downloads,
    entry,
    guidance,
    library,
    measure,
    notes,
    notifications,
    phases,
)

app_name = "measurement"

urlpatterns = [
    path("", entry.my_measures, name="my_measures"),
    path("library/", library.standard_list, name="standard_list"),
    path("library/<slug:slug>/", library.standard_detail, name="standard_detail"),
    path("how-to-read/", guidance.how_to_read, name="how_to_read"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("new/<int:project_pk>/", measure.measure_create, name="measure_create"),
    path("<int:pk>/", measure.measure_detail, name="measure_detail"),
    path("<int:pk>/edit/", measure.measure_update, name="measure_update"),
    path("<int:pk>/phases/", phases.rebase_create, name="rebase_create"),
    path("<int:pk>/phases/<int:rebase_pk>/remove/", phases.rebase_remove, name="rebase_remove"),
    path("<int:pk>/notes/", notes.note_create, name="note_create"),
    path("<int:pk>/notes/<int:note_pk>/", notes.note_update, name="note_update"),
    path("<int:pk>/notes/<int:note_pk>/remove/", notes.note_delete, name="note_delete"),
    path("<int:pk>/chart.<str:image_format>", measure.measure_chart, name="measure_chart"),
    path("<int:pk>/data.<str:file_format>", downloads.measure_data, name="measure_data"),
    path("<int:pk>/events/", entry.event_entry, name="event_entry"),
    path("<int:pk>/upload/", entry.csv_upload, name="csv_upload"),
    path("<int:pk>/template.csv", entry.csv_template, name="csv_template"),
    path("project/<int:project_pk>/", entry.project_grid, name="project_grid"),
    path("project/<int:project_pk>/row/<str:period>/", entry.grid_row_save, name="grid_row_save"),
]
