"""What a weekday brings to the service, for the benchmark to apply: readers of the dashboards,
partners posting the week's values through the API, teams saving grid rows, and the national
Monday when every weekly measure's week arrives at once.

Everything here talks HTTP to a gunicorn (the app's, or the floor baseline's), as users do.
"""

from __future__ import annotations

import json
import random
import secrets
import statistics
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from load import send

NATIONAL, REGIONAL = "national", "regional"
API_PATH = "/api/v1/data/"
PER_REQUEST = 10_000  # the API's limit of points a request


# People ---------------------------------------------------------------------------------------


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def readers() -> tuple[list[str], list[tuple[str, str]]]:
    """Session cookies of the national viewers, and (region slug, cookie) of regional leads."""
    from regions.models import User

    national = [
        session_cookie(user) for user in User.objects.filter(national_role__in=["viewer", "admin"])
    ]
    leads = [
        (user.led_regions.first().slug, session_cookie(user))
        for user in User.objects.filter(led_regions__isnull=False)
        .distinct()
        .prefetch_related("led_regions")
    ]
    return national, leads


def partner_token() -> str:
    """A national admin's API token: a partner platform that may write every measure."""
    from regions import tokens
    from regions.models import NationalRole, User

    user, _ = User.objects.get_or_create(
        username="bench.partner",
        defaults={"national_role": NationalRole.ADMIN, "is_api_client": True},
    )
    return tokens.token_create(by=None, user=user, days=1)[1]


def page_chooser(years: list[str], national: list[str], leads: list[tuple[str, str]]):
    """What a reader asks for next: (kind, path, cookie). Three in five are national viewers
    on England's page, the rest leads on their own region's; any stored year and quarter."""

    def choose(chance):
        query = urlencode(
            {"year": chance.choice(years), "quarter": chance.choice(["", "1", "2", "3", "4"])}
        )
        if chance.random() < 0.6:
            return NATIONAL, f"/dashboard/?{query}", chance.choice(national)
        slug, cookie = chance.choice(leads)
        return REGIONAL, f"/dashboard/{slug}/?{query}", cookie

    return choose


# The week's values ------------------------------------------------------------------------------


@dataclass
class Series:
    """A weekly measure as a writer sees it: what it records and its latest value."""

    pk: int
    project_id: int
    data_type: str
    last: float | None


def weekly_series() -> list[Series]:
    """Every weekly measure that records values, with its latest stored value (one query)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT m.id, m.project_id, m.data_type, last.value
            FROM measurement_measure m
            LEFT JOIN LATERAL (
              SELECT coalesce(p.value, p.numerator / p.denominator) AS value
              FROM measurement_datapoint p WHERE p.measure_id = m.id
              ORDER BY p.period DESC LIMIT 1
            ) last ON true
            WHERE m.frequency = 'weekly' AND m.data_type <> 'events'
            ORDER BY m.id
            """
        )
        return [Series(*row) for row in cursor.fetchall()]


def value_for(series: Series, chance: random.Random) -> dict:
    """A plausible new value: near the latest one, so no chart takes it for an error."""
    if series.data_type in ("proportion", "rate"):
        denominator = chance.randint(40, 400)
        ratio = max(0.0, (series.last or 0.5) * chance.uniform(0.95, 1.05))
        if series.data_type == "proportion":
            ratio = min(1.0, ratio)
        return {"numerator": round(denominator * ratio), "denominator": denominator}
    base = series.last if series.last is not None else 20.0
    value = max(0.0, base * chance.uniform(0.95, 1.05))
    return {"value": round(value) if series.data_type == "count" else round(value, 2)}


def api_rows(chosen: list[Series], week: date, chance: random.Random) -> list[dict]:
    return [{"measure": s.pk, "period": week.isoformat(), **value_for(s, chance)} for s in chosen]


def post_points(port: int, token: str, rows: list[dict]) -> tuple[float, dict]:
    """One bulk request; (seconds, import summary)."""
    body = json.dumps({"points": rows}).encode()
    started = time.perf_counter()
    status, content = send(
        port,
        "POST",
        API_PATH,
        body=body,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        timeout=300,
    )
    elapsed = time.perf_counter() - started
    summary = json.loads(content) if content else {}
    if status != 200 or summary.get("rejected"):
        raise RuntimeError(f"The bulk request failed: {status} {content[:300]!r}")
    return elapsed, summary


# Grid rows ----------------------------------------------------------------------------------


@dataclass
class GridSession:
    """A team member with their project's grid open: cookies, CSRF token and their measures."""

    project_id: int
    cookie: str
    csrf: str
    series: list[Series]


def grid_sessions(count: int, series: list[Series]) -> list[GridSession]:
    """`count` team members, each of a different project with weekly measures."""
    from django.conf import settings

    from projects.models import ProjectMember

    by_project: dict[int, list[Series]] = {}
    for s in series:
        by_project.setdefault(s.project_id, []).append(s)
    members = (
        ProjectMember.objects.filter(project_id__in=list(by_project))
        .select_related("user")
        .order_by("project_id", "id")
    )
    sessions, seen = [], set()
    for member in members:
        if member.project_id in seen:
            continue
        seen.add(member.project_id)
        csrf = secrets.token_hex(16)  # a 32-character CSRF secret, as Django's cookie holds
        cookie = f"{session_cookie(member.user)}; {settings.CSRF_COOKIE_NAME}={csrf}"
        sessions.append(GridSession(member.project_id, cookie, csrf, by_project[member.project_id]))
        if len(sessions) == count:
            break
    return sessions


FIELDS = {"proportion": ("numerator", "denominator"), "rate": ("numerator", "denominator")}


def grid_body(session: GridSession, chance: random.Random) -> bytes:
    form = {"frequency": "weekly"}
    for s in session.series:
        values = value_for(s, chance)
        for name in FIELDS.get(s.data_type, ("value",)):
            form[f"m{s.pk}-{name}"] = str(values[name])
    return urlencode(form).encode()


def save_grid_row(port: int, session: GridSession, week: date, chance) -> tuple[float, bool]:
    """One row saved as htmx posts it; (seconds, whether it was saved)."""
    started = time.perf_counter()
    status, content = send(
        port,
        "POST",
        f"/measures/project/{session.project_id}/row/{week.isoformat()}/",
        body=grid_body(session, chance),
        headers={
            "Cookie": session.cookie,
            "X-CSRFToken": session.csrf,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    ok = status == 200 and b"is saved" in content
    return time.perf_counter() - started, ok


# A weekday's writers, in the background ----------------------------------------------------


@dataclass
class Writes:
    api_seconds: list[float] = field(default_factory=list)
    api_rows: int = 0
    grid_seconds: list[float] = field(default_factory=list)
    failures: int = 0


class Weekday:
    """While open: every `every` seconds a bulk request of `share` of the weekly measures, and
    each of `grid_sessions` team members saving a row about as often."""

    def __init__(self, port, token, series, sessions, week, *, share=0.01, every=10.0):
        self.port, self.token, self.series, self.sessions = port, token, series, sessions
        self.week, self.share, self.every = week, share, every
        self.writes, self._stop, self._threads = Writes(), threading.Event(), []

    def __enter__(self) -> Weekday:
        self._threads = [threading.Thread(target=self._api, daemon=True)]
        self._threads += [
            threading.Thread(target=self._grid, args=(s, n), daemon=True)
            for n, s in enumerate(self.sessions)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=300)

    def _api(self) -> None:
        chance = random.Random(7)
        count = max(1, round(len(self.series) * self.share))
        while not self._stop.is_set():
            started = time.monotonic()
            rows = api_rows(chance.sample(self.series, count), self.week, chance)
            try:
                seconds, _ = post_points(self.port, self.token, rows)
                self.writes.api_seconds.append(seconds)
                self.writes.api_rows += len(rows)
            except (RuntimeError, OSError):
                self.writes.failures += 1
            if self._stop.wait(max(0.0, self.every - (time.monotonic() - started))):
                return

    def _grid(self, session: GridSession, number: int) -> None:
        chance = random.Random(100 + number)
        while not self._stop.wait(chance.uniform(0.5, 1.5) * self.every):
            try:
                seconds, ok = save_grid_row(self.port, session, self.week, chance)
                self.writes.grid_seconds.append(seconds)
                self.writes.failures += not ok
            except OSError:
                self.writes.failures += 1


def p50_p95(values: list[float]) -> tuple[float, float]:
    if not values:
        return float("nan"), float("nan")
    if len(values) == 1:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=100, method="inclusive")[94]
