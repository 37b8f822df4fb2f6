"""The dashboard load test's baseline: a bare WSGI application that answers each request with the
dashboard's figures computed live by one GROUP BY over the records (`TOTALS_SQL` for the asked
year and quarter: England's totals and every region's row), as JSON. No Django, no sessions, no
templates: what a dashboard without stored rollups would cost at the very least.

    gunicorn --pythonpath bench baseline_wsgi:application   (DATABASE_URL names the database)
"""

from __future__ import annotations

import json
import os
from urllib.parse import parse_qs

import psycopg
from measure_rollups import TOTALS_SQL

_connection: psycopg.Connection | None = None  # one per worker process, opened on first use


def _cursor() -> psycopg.Cursor:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection.cursor()


def application(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    year = int(query.get("year", ["2016"])[0][:4])
    quarter = int(query.get("quarter", ["0"])[0] or 0)
    scope = query.get("scope", [None])[0]
    with _cursor() as cursor:
        cursor.execute(TOTALS_SQL, {"years": [year], "quarters": [quarter]})
        figures = [
            {"scope": s, "metric": metric, "value": float(value)}
            for s, _, _, metric, value in cursor.fetchall()
            if scope is None or s in (scope, "national")
        ]
    body = json.dumps(figures).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
