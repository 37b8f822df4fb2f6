"""The Celery app. Configuration lives in psc/settings.py under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")

app = Celery("psc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
