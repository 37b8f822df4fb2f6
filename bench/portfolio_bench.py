"""Time the portfolio pages over 2,000 projects, in a throwaway database.

Run from the project root:  python bench/portfolio_bench.py [requests]
It uses DATABASE_URL when set (PostgreSQL), else SQLite, and always creates and then destroys its
own test database (never the one the settings name), so it is safe beside a developer's data.

    python bench/portfolio_bench.py --existing [requests]
reads the database DATABASE_URL names as it is, signed in as `scale.national`: the national
dataset of `generate_scale_data`, as `make bench` measures the first two scenarios.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# Runnable as a plain script: make the project root importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psc.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse  # noqa: E402

from core.fiscal import financial_quarter, financial_year  # noqa: E402
from projects.models import (  # noqa: E402
    CareSetting,
    ChangeIdea,
    PDSACycle,
    PDSADecision,
    PDSAStatus,
    Project,
    ProjectStatus,
    Topic,
)
from regions.models import NationalRole, Organisation, OrganisationType, Region, User  # noqa: E402

PROJECTS = 2000
IDEAS_PER_PROJECT = 2
CYCLES_PER_PROJECT = 3
ORGANISATIONS_PER_REGION = 20
BENCH_DATABASE = "test_psc_portfolio_bench"
WORDS = [
    "screening",
    "huddle",
    "bundle",
    "checklist",
    "early warning",
    "hydration",
    "handover",
    "safety cross",
    "discharge",
    "medicines review",
]
SCENARIOS = [
    ("first page (default sort)", "projects:portfolio", {}),
    (
        "filtered + text search",
        "projects:portfolio",
        {
            "region": "wessex",
            "status": "active",
            "setting": "community",
            "q": "screening",
            "sort": "score_high",
        },
    ),
    ("deep page (page 40)", "projects:portfolio", {"page": 40}),
    ("change idea search", "projects:change_idea_search", {"q": "huddle"}),
]


def _project(n: int, rng: random.Random, regions: list[Region]) -> Project:
    start = date(2014, 10, 1) + timedelta(days=rng.randrange(5 * 365))
    status = rng.choice(ProjectStatus.values)
    completed = start + timedelta(days=400) if status == ProjectStatus.COMPLETED else None
    topic = Topic.values[n % len(Topic.values)]
    return Project(
        title=f"{Topic(topic).label}: {rng.choice(WORDS)} project {n}",
        summary=f"Testing a {rng.choice(WORDS)} across {rng.randint(2, 30)} wards.",
        lead_region=regions[n % len(regions)],
        topic=topic,
        status=status,
        status_since=start + timedelta(days=rng.randrange(200)),
        start_date=start,
        completed_on=completed,
        progress_score=Decimal(rng.randint(1, 10)) / 2 if rng.random() < 0.8 else None,
        aim_what=f"harm from {Topic(topic).label.lower()}",
        aim_for_whom="adult inpatients",
        aim_how_much="30%",
        start_financial_year=financial_year(start),
        start_quarter=financial_quarter(start),
        completion_financial_year=financial_year(completed) if completed else "",
        completion_quarter=financial_quarter(completed) if completed else None,
    )


def _links(projects, rng, regions, settings, organisations) -> None:
    participating, in_setting, with_org = [], [], []
    for project in projects:
        others = [r for r in regions if r.pk != project.lead_region_id]
        participating += [
            Project.participating_regions.through(project=project, region=r)
            for r in rng.sample(others, rng.randint(0, 3))
        ]
        in_setting += [
            Project.care_settings.through(project=project, caresetting=s)
            for s in rng.sample(settings, rng.randint(1, 2))
        ]
        with_org += [
            Project.organisations.through(project=project, organisation=o)
            for o in rng.sample(organisations, rng.randint(1, 3))
        ]
    for rows in (participating, in_setting, with_org):
        type(rows[0]).objects.bulk_create(rows, batch_size=2000)


def _ideas_and_cycles(projects, rng) -> None:
    ideas = ChangeIdea.objects.bulk_create(
        [
            ChangeIdea(
                project=project,
                text=f"{rng.choice(WORDS).capitalize()} idea {n}",
                description=f"A {rng.choice(WORDS)} on the ward",
                position=n,
            )
            for project in projects
            for n in range(IDEAS_PER_PROJECT)
        ],
        batch_size=2000,
    )
    cycles = []
    for idea in ideas:
        start = idea.project.start_date + timedelta(days=rng.randrange(60))
        # The first idea gets all but one of the project's cycles, as a ramp; the next gets one.
        for n in range(1 if idea.position else CYCLES_PER_PROJECT - 1):
            decided = rng.random() < 0.7
            cycles.append(
                PDSACycle(
                    project=idea.project,
                    change_idea=idea,
                    title=f"Cycle {n + 1}",
                    objective="Test on one ward for a week",
                    start_date=start,
                    end_date=start + timedelta(days=14) if decided else None,
                    status=PDSAStatus.COMPLETE if decided else PDSAStatus.DOING,
                    decision=rng.choice(PDSADecision.values) if decided else "",
                )
            )
            start += timedelta(days=21)
    PDSACycle.objects.bulk_create(cycles, batch_size=2000)


def seed(rng: random.Random) -> dict:
    regions = list(Region.objects.all())
    settings = list(CareSetting.objects.all())
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{region.name} organisation {n}",
                type=OrganisationType.ACUTE_TRUST,
                region=region,
            )
            for region in regions
            for n in range(ORGANISATIONS_PER_REGION)
        ]
    )
    projects = Project.objects.bulk_create(
        [_project(n, rng, regions) for n in range(PROJECTS)], batch_size=500
    )
    _links(projects, rng, regions, settings, organisations)
    _ideas_and_cycles(projects, rng)
    User.objects.create_user("bench.national", password=None, national_role=NationalRole.VIEWER)
    return {
        "projects": Project.objects.count(),
        "ideas": ChangeIdea.objects.count(),
        "cycles": PDSACycle.objects.count(),
    }


def measure(client: Client, url: str, query: dict, requests: int) -> tuple[float, float, int, int]:
    for _ in range(3):  # warm caches and the template loader
        assert client.get(url, query).status_code == 200
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, query)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        rows = _rows(client.get(url, query))
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    return statistics.median(timings), p95, len(captured), rows


def _database_name() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    version = connection.pg_version
    return f"PostgreSQL {version // 10000}.{version % 10000}"


def _rows(response) -> int:
    return response.content.decode().count('<tr class="nhsuk-table__row" role="row">') - 1


def run(requests: int) -> None:
    started = time.perf_counter()
    counts = seed(random.Random(2016))
    seeded = time.perf_counter() - started
    client = Client()
    client.force_login(User.objects.get(username="bench.national"))
    vendor = _database_name()
    print(
        f"{counts['projects']:,} projects, {counts['ideas']:,} change ideas, "
        f"{counts['cycles']:,} PDSA cycles on {vendor} (seeded in {seeded:.1f} s); "
        f"{requests} requests each, signed in as a national viewer"
    )
    print(f"{'page':<28}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'rows':>6}")
    for name, url_name, query in SCENARIOS:
        median, p95, queries, rows = measure(client, reverse(url_name), query, requests)
        print(f"{name:<28}{median:>11.1f}{p95:>9.1f}{queries:>9}{rows:>6}")


def existing(requests: int) -> None:
    """The scenarios on the database as it is (read only), as bench/run.py measures them."""
    client = Client()
    client.force_login(User.objects.get(username="scale.national"))
    print(
        f"{Project.objects.count():,} projects on {_database_name()} "
        f"({connection.settings_dict['NAME']}); {requests} requests each, signed in as a "
        "national viewer"
    )
    print(f"{'page':<28}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'rows':>6}")
    for name, url_name, query in SCENARIOS:
        median, p95, queries, rows = measure(client, reverse(url_name), query, requests)
        print(f"{name:<28}{median:>11.1f}{p95:>9.1f}{queries:>9}{rows:>6}")


def main(requests: int = 20) -> None:
    test_settings = connection.settings_dict["TEST"]
    if connection.vendor == "sqlite":
        # A file, not SQLite's in-memory default, so the figures include reading from disk.
        scratch = tempfile.TemporaryDirectory()
        test_settings["NAME"] = str(Path(scratch.name) / "portfolio_bench.sqlite3")
    else:
        test_settings["NAME"] = BENCH_DATABASE
    setup_test_environment(debug=False)  # as in production: no query log kept per request
    original_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        run(requests)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--existing"]
    count = int(arguments[0]) if arguments else 20
    if "--existing" in sys.argv:
        setup_test_environment(debug=False)
        existing(count)
    else:
        main(count)
