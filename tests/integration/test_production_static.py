"""Pages must render with production's static storage, where every file URL comes from the
manifest `collectstatic` writes: a name missing from it is a server error on every page."""

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

MANIFEST = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


def test_pages_render_with_hashed_static_files(client_for, wessex_lead, tmp_path, settings):
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES={**settings.STORAGES, "staticfiles": MANIFEST}
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = client_for(wessex_lead)
        for page in (reverse("login"), reverse("home"), reverse("dashboards:national")):
            response = client.get(page)
            assert response.status_code == 200, page
            html = response.content.decode()
            assert "/static/nhsuk/nhsuk-frontend.min." in html  # the hashed stylesheet
            assert 'href="/static/nhsuk/assets/images/favicon.ico"' in html
