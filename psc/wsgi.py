import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")
application = get_wsgi_application()

# Load every view now, then set what is loaded aside from the garbage collector: otherwise a
# full collection during a big request (a 10,000-row batch) walks the whole application, about
# a quarter of a second each time.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
