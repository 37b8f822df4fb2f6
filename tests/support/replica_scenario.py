"""Run by tests/integration/test_replica_routing.py in a process of its own, against a real
primary and streaming replica: DATABASE_URL and DATABASE_REPLICA_URL name them. Prints JSON."""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from regions.models import NationalRole, Region, User  # noqa: E402
from reporting.models import RollupFigure  # noqa: E402
from reporting.rollups.service import record_new_versions  # noqa: E402


def on_replica(sql: str) -> bool:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        return bool(cursor.fetchone()[0])


def wait_for_replica(sql: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if on_replica(sql):
                return
        except Exception:  # the tables have not reached the replica yet
            connections["replica"].close()
        time.sleep(0.1)
    raise SystemExit("the replica never caught up")


def figure_queries(captured) -> int:
    return sum("reporting_rollupfigure" in q["sql"] for q in captured)


setup_test_environment()
call_command("migrate", verbosity=0)
admin = User.objects.create_user("nhsi.admin", password="x", national_role=NationalRole.ADMIN)
RollupFigure.objects.create(
    scope="national", financial_year="2016-17", quarter=0, metric="projects_started", value=451
)
record_new_versions("2016-17", {"national"})
wait_for_replica("SELECT count(*) FROM reporting_rollupfigure")
wessex = Region.objects.get(slug="wessex")
client = Client()
client.force_login(admin)
results = {"replica_in_recovery": on_replica("SELECT pg_is_in_recovery()")}

for step in ("dashboard", "after_a_write"):
    if step == "after_a_write":
        written = client.post(  # any write will do: a new organisation
            "/organisations/new/",
            {"name": "Southampton General", "type": "acute_trust", "region": wessex.pk},
        )
        assert written.status_code == 302, written.content[:500]
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get("/dashboard/?year=2016-17")
    results[step] = {
        "status": response.status_code,
        "shows_451": "451" in response.content.decode(),
        "figure_queries_on_replica": figure_queries(replica),
        "figure_queries_on_primary": figure_queries(primary),
        "queries_on_replica": len(replica),
    }
print(json.dumps(results))
