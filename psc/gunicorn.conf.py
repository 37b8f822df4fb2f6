"""gunicorn as production runs it (Dockerfile, docker-compose.yml): `gunicorn psc.wsgi -c
psc/gunicorn.conf.py`. The worker class and counts were chosen by measurement on 2 cores
(docs/benchmark-history.md, "Web workers"); WEB_CONCURRENCY and WEB_THREADS override them."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
keepalive = 5
