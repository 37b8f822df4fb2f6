"""Page latency: the portfolio through the Django test client."""

from __future__ import annotations

from harness import RUNS, Row, Sizes, check, median_runs, pair, percentiles, ratio, timed

# Pages ----------------------------------------------------------------------------------------

PORTFOLIO_SQL = """
SELECT p.id, p.title, r.name, p.status, p.progress_score, p.start_date,
       (SELECT count(*) FROM projects_pdsacycle c WHERE c.project_id = p.id),
       (SELECT c.decision FROM projects_pdsacycle c WHERE c.project_id = p.id
        ORDER BY c.start_date DESC, c.id DESC LIMIT 1),
       count(*) OVER ()
FROM projects_project p JOIN regions_region r ON r.id = p.lead_region_id
ORDER BY p.start_date DESC, p.title, p.id LIMIT 25
"""


def sql_portfolio() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(PORTFOLIO_SQL)
        cursor.fetchall()


def portfolio(sizes: Sizes) -> list[Row]:
    from django.test import Client
    from django.urls import reverse
    from portfolio_bench import SCENARIOS
    from portfolio_bench import measure as page_timings

    from regions.models import User

    client = Client()
    client.force_login(User.objects.get(username="scale.national"))
    rows = []
    for name, url_name, query in SCENARIOS[:2]:
        runs = []
        for _ in range(RUNS):
            median, high, _, _ = page_timings(client, reverse(url_name), query, sizes.requests)
            baseline = [timed(sql_portfolio) for _ in range(sizes.requests)]
            runs.append((median / 1000, high / 1000, *percentiles(baseline)))
        app50, app95, base50, base95 = median_runs(runs)
        rows.append(
            Row(
                f"Portfolio page, {name}, p50 / p95 (national viewer)",
                pair(app50, app95),
                pair(base50, base95),
                ratio(app95, base95),
                "p95 ≤ 200 ms",
                check(app95 <= 0.2),
            )
        )
    return rows
