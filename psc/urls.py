from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.api.views import not_found as api_not_found
from psc import health
from psc import views as home_views
from regions import views_password_reset as password_reset
from regions import views_tokens

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("reporting.api.urls")),
    path("", include("regions.api.urls")),
    path("", include("projects.api.urls")),
    path("", include("measurement.api.urls")),
    re_path(r"^.*$", api_not_found, name="api-not-found"),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", home_views.home, name="home"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(template_name="auth/sign_in.jinja"),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password-reset/", password_reset.password_reset, name="password_reset"),
    path(
        "account/password-reset/sent/",
        password_reset.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "account/password-reset/done/",
        password_reset.password_reset_complete,
        name="password_reset_complete",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        password_reset.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("account/tokens/", views_tokens.tokens, name="tokens"),
    path("admin/", admin.site.urls),
    path("projects/", include("projects.urls")),
    path("measures/", include("measurement.urls")),
    path("dashboard/", include("reporting.urls")),
    path("", include("regions.activity.urls")),
    path("", include("regions.urls")),
]
