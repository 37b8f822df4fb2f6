"""The national and regional dashboards under concurrent users, served by gunicorn as in
production, beside the same figures computed live by one GROUP BY (`baseline_wsgi.py`).

Virtual users are signed-in national viewers (three in five, on the national page) and regional
leads (on their own region's page), each choosing a financial year and quarter at random, so
both cached and uncached charts and every stored year are read.
"""

from __future__ import annotations

import statistics
import time
from urllib.parse import urlencode

from harness import Row, Sizes, TreeMemory, check, median_runs, ratio, seconds
from load import LoadRun, collect_static, gunicorn, run_load

NATIONAL, REGIONAL = "national", "regional"
THINK = (1.0, 3.0)  # seconds between a user's requests, uniformly (locust's between(1, 3))
RAMP_UP = 3.0  # seconds of each run before recording, while the users arrive


def _cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _visitors() -> tuple[list[str], list[tuple[str, str]]]:
    """Session cookies of the national viewers, and (region slug, cookie) of regional leads."""
    from regions.models import User

    national = [
        _cookie(user) for user in User.objects.filter(national_role__in=["viewer", "admin"])
    ]
    leads = [
        (user.led_regions.first().slug, _cookie(user))
        for user in User.objects.filter(led_regions__isnull=False)
        .distinct()
        .prefetch_related("led_regions")
    ]
    return national, leads


def page_chooser(
    years: list[str], national: list[str], leads: list[tuple[str, str]], *, baseline: bool
):
    """What a user asks for next: (kind, path, cookie), as a page of the app or the baseline."""

    def choose(chance):
        year, quarter = chance.choice(years), chance.choice(["", "1", "2", "3", "4"])
        if chance.random() < 0.6:
            kind, cookie, slug = NATIONAL, chance.choice(national), ""
        else:
            kind, (slug, cookie) = REGIONAL, chance.choice(leads)
        if baseline:
            query = {"year": year, "quarter": quarter or "0", **({"scope": slug} if slug else {})}
            return kind, "/?" + urlencode(query), ""
        path = f"/dashboard/{slug}/" if slug else "/dashboard/"
        return kind, path + "?" + urlencode({"year": year, "quarter": quarter}), cookie

    return choose


def _percentiles(latencies: list[float]) -> tuple[float, float, float]:
    if not latencies:
        return float("nan"), float("nan"), float("nan")
    cut = (
        statistics.quantiles(latencies, n=100, method="inclusive")
        if len(latencies) > 1
        else latencies * 99
    )
    return statistics.median(latencies), cut[94], cut[98]


def _figures(run: LoadRun) -> tuple[float, ...]:
    return (
        *_percentiles(run.of(NATIONAL)),
        *_percentiles(run.of(REGIONAL)),
        float(run.errors()),
        run.per_second(),
    )


def _load_runs(port: int, choose, sizes: Sizes, think) -> tuple[float, ...]:
    return median_runs(
        [
            _figures(
                run_load(
                    port,
                    choose,
                    users=sizes.users,
                    think=think,
                    seconds=sizes.load_seconds,
                    warm_up=RAMP_UP,
                )
            )
            for _ in range(sizes.load_runs)
        ]
    )


def _ms3(figures) -> str:
    return " / ".join(f"{value * 1000:,.0f} ms" for value in figures)


def _warm_charts() -> Row:
    from django.utils import timezone

    from reporting.charts import warm

    started = time.perf_counter()
    count = warm(timezone.localdate())
    return Row(
        f"…its trend charts drawn ahead, after a full rebuild ({count:,} charts, one "
        "process, `warm_dashboard_charts`)",
        seconds(time.perf_counter() - started),
    )


def dashboards(sizes: Sizes) -> tuple[list[Row], TreeMemory]:
    """The rows, and the memory of the app's gunicorn (its peak sum and largest process)."""
    from reporting.rollups.read import stored_years

    years = stored_years()
    national, leads = _visitors()
    collect_static()
    warming = _warm_charts()  # as the worker does after the nightly full rebuild
    users = sizes.users
    found, filling = {}, {}
    for name, application, pythonpath in (
        ("app", "psc.wsgi", "."),
        ("baseline", "baseline_wsgi:application", "bench"),
    ):
        choose = page_chooser(years, national, leads, baseline=name == "baseline")
        with gunicorn(application, pythonpath=pythonpath) as (port, memory):
            first = run_load(
                port, choose, users=users, think=(0, 0), warm_up=0, seconds=sizes.load_warm_up
            )  # caches filling: not in the runs
            filling[name] = _figures(first)
            found[name] = (
                _load_runs(port, choose, sizes, THINK),
                _load_runs(port, choose, sizes, think=(0, 0)),
            )
            if name == "app":
                web = memory
    (app, app_flat), (base, base_flat) = found["app"], found["baseline"]
    rows = []
    for offset, page in ((0, "National"), (3, "Regional")):
        high, base_high = app[offset + 1], base[offset + 1]
        rows.append(
            Row(
                f"{page} dashboard, p50 / p95 / p99, {users} users thinking 1–3 s (gunicorn, "
                f"3 workers)",
                _ms3(app[offset : offset + 3]),
                _ms3(base[offset : offset + 3]),
                ratio(high, base_high),
                "p95 ≤ 150 ms" if page == "National" else "—",
                check(high <= 0.150 and app[6] == 0) if page == "National" else "",
            )
        )
    rows += [
        warming,
        Row(
            f"…the first {sizes.load_warm_up:.0f} s, page caches empty, zero think time (not "
            "in the runs above): national p50 / p95 / p99",
            _ms3(filling["app"][0:3]),
            _ms3(filling["baseline"][0:3]),
        ),
        Row(
            "…errors, and requests/s served (both pages)",
            f"{app[6]:.0f} errors, {app[7]:,.0f}/s",
            f"{base[6]:.0f} errors, {base[7]:,.0f}/s",
            target="0 errors",
            met=check(app[6] == 0),
        ),
        Row(
            f"Dashboards at zero think time ({users} users): requests/s; national p95",
            f"{app_flat[7]:,.0f}/s; {app_flat[1] * 1000:,.0f} ms",
            f"{base_flat[7]:,.0f}/s; {base_flat[1] * 1000:,.0f} ms",
            ratio(app_flat[7], base_flat[7]),
        ),
    ]
    return rows, web
