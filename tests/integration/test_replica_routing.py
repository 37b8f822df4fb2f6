"""Reads of the dashboards go to a real streaming replica; a user who has just written reads
the primary. The test starts its own primary and replica (tests/support/postgres.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.postgres import primary_and_replica

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_a_dashboard_reads_the_replica_and_a_user_who_just_wrote_reads_the_primary():
    with primary_and_replica() as (primary, replica):
        primary.sql("CREATE DATABASE psc")
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("CELERY_BROKER_URL", "REDIS_URL", "PYTEST_XDIST_WORKER")
        }
        env.update(
            DATABASE_URL=f"{primary.url}/psc",
            DATABASE_REPLICA_URL=f"{replica.url}/psc",
        )
        result = subprocess.run(
            [sys.executable, "tests/support/replica_scenario.py"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["replica_in_recovery"] is True  # it really is a standby
    dashboard, after = found["dashboard"], found["after_a_write"]
    assert dashboard["status"] == 200 and dashboard["shows_451"]
    assert dashboard["figure_queries_on_replica"] > 0
    assert dashboard["figure_queries_on_primary"] == 0
    assert after["status"] == 200 and after["shows_451"]
    assert after["queries_on_replica"] == 0  # the writer reads their own writes
    assert after["figure_queries_on_primary"] > 0
