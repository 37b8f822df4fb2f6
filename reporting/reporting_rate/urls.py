from django.urls import path

from reporting.reporting_rate import views

urlpatterns = [
    path("", views.reporting_rate, name="reporting_rate"),
    path("remind/", views.remind, name="reporting_rate_remind"),
    path("remind-all/", views.remind_all, name="reporting_rate_remind_all"),
]
