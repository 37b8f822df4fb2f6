"""The floor baseline: a bare WSGI application on the same gunicorn that answers the dashboard's
paths with the same stored rollup rows the page shows, in two SELECTs (the year's figures of the
scopes on the page, and the scope's quarterly trends), as JSON; and a grid save's path with one
INSERT … ON CONFLICT of the posted value. No Django, no sessions, no templates, no caching:
what a page or a save cannot cost less than on this machine.

    gunicorn --pythonpath bench floor_wsgi:application   (DATABASE_URL names the database)
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import parse_qs

import psycopg

TREND_METRICS = [
    "projects_started",
    "projects_completed",
    "projects_active",
    "staff_trained.total",
    "champions_recruited.total",
    "organisations_engaged.total",
]
FIGURES = """
SELECT scope, metric, value FROM reporting_rollupfigure
WHERE financial_year = %(year)s AND quarter = %(quarter)s AND (%(every)s OR scope = %(scope)s)
"""
TRENDS = """
SELECT financial_year, quarter, metric, value FROM reporting_rollupfigure
WHERE scope = %(scope)s AND quarter > 0 AND metric = ANY(%(metrics)s)
ORDER BY financial_year, quarter
"""
SAVE = """
INSERT INTO measurement_datapoint (measure_id, period, value, numerator, denominator, updated_at)
VALUES (%(measure)s, %(period)s, %(value)s, %(numerator)s, %(denominator)s, now())
ON CONFLICT (measure_id, period) DO UPDATE SET value = EXCLUDED.value,
  numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
  updated_at = EXCLUDED.updated_at
"""
CELL = re.compile(r"^m(\d+)-(value|numerator|denominator)$")
REGION_PAGE = re.compile(r"^/dashboard/([a-z0-9-]+)/$")
GRID_SAVE = re.compile(r"^/measures/project/\d+/row/(\d{4}-\d{2}-\d{2})/$")

_connection: psycopg.Connection | None = None  # one per worker process, opened on first use


def _cursor() -> psycopg.Cursor:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connection.cursor()


def _dashboard(path: str, query: dict) -> dict:
    year = (query.get("year") or ["2016-17"])[0]
    quarter = int((query.get("quarter") or ["0"])[0] or 0)
    region = REGION_PAGE.match(path)
    scope = region[1] if region else "national"
    parameters = {"year": year, "quarter": quarter, "every": region is None, "scope": scope}
    with _cursor() as cursor:
        cursor.execute(FIGURES, parameters)
        figures = cursor.fetchall()
        cursor.execute(TRENDS, {"scope": scope, "metrics": TREND_METRICS})
        trends = cursor.fetchall()
    return {"figures": figures, "trends": trends}


def _save(environ, period: str) -> dict:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    form = parse_qs(environ["wsgi.input"].read(length).decode())
    cells: dict[int, dict] = {}
    for name, values in form.items():
        cell = CELL.match(name)
        if cell and values[0]:
            cells.setdefault(int(cell[1]), {})[cell[2]] = float(values[0])
    with _cursor() as cursor:
        for measure, values in cells.items():
            cursor.execute(SAVE, {"measure": measure, "period": period, "value": None,
                                  "numerator": None, "denominator": None, **values})  # fmt: skip
    return {"saved": len(cells), "detail": "The row is saved"}


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    query = parse_qs(environ.get("QUERY_STRING", ""))
    grid = GRID_SAVE.match(path)
    if environ["REQUEST_METHOD"] == "POST" and grid:
        document = _save(environ, grid[1])
    elif path == "/dashboard/" or REGION_PAGE.match(path):
        document = _dashboard(path, query)
    else:
        document = {"path": path}  # anything else (the readiness probe): a plain answer
    body = json.dumps(document, default=str).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
