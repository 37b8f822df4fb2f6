"""The Celery app. Configuration lives in psc/settings.py under the CELERY_ namespace."""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")

app = Celery("psc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def log_as_django_does(**kwargs):
    """Workers log as settings.LOGGING says (JSON lines with request ids in production), not in
    Celery's own format; LOG_LEVEL sets the level, not the worker's --loglevel."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
