from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from regions import views as region_views

api_v1 = [
    path("", include("measurement.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("", region_views.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="auth/sign_in.jinja"),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("measures/", include("measurement.urls")),
    path("dashboard/", include("regions.dashboard_urls")),
    path("", include("regions.activity.urls")),
    path("", include("regions.urls")),
]
