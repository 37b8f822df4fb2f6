from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.api.views import not_found as api_not_found
from psc import health
from psc import views as home_views
from regions import views_password_reset as password_reset
from regions import views_tokens

# Swagger UI under the strict policy: its start-up script is a file (the split view serves it at
# ?script) and the page template has no inline style; its own stylesheet draws icons as data:
# images, allowed for this page alone.
api_docs = SpectacularSwaggerSplitView.as_view(
    url_name="api-schema", template_name="api/docs.jinja"
)

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", csp_update({"img-src": ["data:"]})(api_docs), name="api-docs"),
    path("", include("reporting.api.urls")),
    path("", include("regions.api.urls")),
    path("", include("projects.api.urls")),
    path("", include("measurement.api.urls")),
    path("", include("learning.api.urls")),
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
    path("", include("reporting.project_reports.urls")),  # /projects/{id}/report.pdf
    path("measures/", include("measurement.urls")),
    path("dashboard/", include("reporting.urls")),
    path("", include("learning.urls")),
    path("", include("projects.invitations.urls")),
    path("", include("regions.activity.urls")),
    path("", include("regions.urls")),
]
