"""The weekly digest: for each regional lead the new signals of their regions' projects, for each
national viewer all of England's, with links to the measures.

"New" is what the teams were told: a signal first seen in the week that was news then
(`signal_news.is_news` on the day it was seen). Only the rule and first period of a seen signal
are stored, so the measures seen in the week are analysed again to find each signal's points
(a few milliseconds a measure, once a week).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.utils import timezone

from measurement.analysis import analyse_inputs, read_inputs_of
from measurement.models import DataType, Measure, SeenSignal
from measurement.readings import is_special_cause, signal_runs
from measurement.services.notification_settings import settings_of_users, settings_page_url
from measurement.services.reminders import NO_DATA_RULE
from measurement.signal_news import is_news, signal_in_words
from projects.models import Project
from regions.models import NationalRole, Region, User

DIGEST_DAYS = 7
PER_REGION = 10  # signals listed per region; the rest are counted, with a link to the region


@dataclass(frozen=True)
class DigestSignal:
    measure_name: str
    project_title: str
    lead_region_id: int
    region_ids: frozenset[int]  # the project's lead and participating regions
    words: str
    url: str


def signals_told_since(since: datetime) -> list[DigestSignal]:
    """The signals told to teams since `since`."""
    seen = list(
        SeenSignal.objects.filter(seen_at__gte=since)
        .exclude(rule=NO_DATA_RULE)
        .values_list("measure_id", "rule", "first_period", "seen_at")
    )
    measures = Measure.objects.select_related("project").in_bulk({row[0] for row in seen})
    inputs = read_inputs_of(list(measures.values()))
    regions = _regions_of({m.project_id for m in measures.values()})
    runs = {}
    for measure in measures.values():
        try:
            analysis = analyse_inputs(inputs[measure.pk])
        except ValueError:  # settings no rule set can analyse now: nothing to say
            continue
        for run in signal_runs(analysis) if analysis else ():
            runs[(measure.pk, run.rule, run.first_period)] = (run, analysis)
    told = []
    for measure_id, rule, first_period, seen_at in seen:
        run, analysis = runs.get((measure_id, rule, first_period), (None, None))
        measure = measures[measure_id]
        seen_on = timezone.localtime(seen_at).date()
        if run is None or not is_special_cause(run, analysis.settings.rules):
            continue  # the data changed since: no longer a signal
        if is_news(run, seen_on, measure.frequency):
            told.append(_digest_signal(measure, run, analysis, regions[measure.project_id]))
    return told


def _digest_signal(measure: Measure, run, analysis, region_ids: set[int]) -> DigestSignal:
    events = measure.data_type == DataType.EVENTS
    return DigestSignal(
        measure_name=measure.name,
        project_title=measure.project.title,
        lead_region_id=measure.project.lead_region_id,
        region_ids=frozenset(region_ids | {measure.project.lead_region_id}),
        words=signal_in_words(run, analysis, measure.frequency, events),
        url=f"{settings.SITE_URL}{measure.get_absolute_url()}",
    )


def _regions_of(project_ids: set[int]) -> dict[int, set[int]]:
    """{project id: its participating regions' ids}, in one query."""
    joined = defaultdict(set)
    through = Project.participating_regions.through
    for project_id, region_id in through.objects.filter(project__in=project_ids).values_list(
        "project_id", "region_id"
    ):
        joined[project_id].add(region_id)
    return joined


def digest_readers() -> list[tuple[User, set[int] | None]]:
    """(person, the regions they lead, or None for all of England) for each regional lead and
    national viewer who wants the digest and has an email address."""
    people = list(
        User.objects.filter(is_active=True, is_api_client=False)
        .exclude(email="")
        .filter(
            Q(led_regions__isnull=False)
            | Q(national_role__in=[NationalRole.VIEWER, NationalRole.ADMIN])
        )
        .distinct()
        .prefetch_related("led_regions")
    )
    chosen = settings_of_users([person.pk for person in people])
    return [(person, _scope(person)) for person in people if chosen[person.pk].weekly_digest]


def _scope(person: User) -> set[int] | None:
    if person.national_role in (NationalRole.VIEWER, NationalRole.ADMIN):
        return None
    return {region.pk for region in person.led_regions.all()}


def weekly_digests_send(now: datetime | None = None) -> int:
    """Emails each reader the week's new signals in their scope, over one connection (no email
    to someone whose regions had none); returns how many were sent."""
    now = now or timezone.now()
    signals = signals_told_since(now - timedelta(days=DIGEST_DAYS))
    regions = Region.objects.in_bulk()
    messages = []
    for person, scope in digest_readers():
        mine = [s for s in signals if scope is None or s.region_ids & scope]
        if mine:
            messages.append(digest_email(person, mine, regions, now))
    if messages:
        get_connection(fail_silently=False).send_messages(messages)
    return len(messages)


def digest_email(person: User, signals: list[DigestSignal], regions: dict, now) -> EmailMessage:
    by_region = defaultdict(list)
    for signal in signals:
        by_region[signal.lead_region_id].append(signal)
    week_to = f"{timezone.localtime(now):%-d %B %Y}"
    lines = [f"New special-cause signals in the week to {week_to}: {len(signals)}.", ""]
    for region_id in sorted(by_region, key=lambda pk: regions[pk].name):
        lines += _region_lines(regions[region_id], by_region[region_id])
    lines.append(f"Choose how you are told: {settings_page_url()}")
    return EmailMessage(
        subject=f"Weekly digest: {len(signals)} new signal{'s' if len(signals) != 1 else ''}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )


def _region_lines(region: Region, signals: list[DigestSignal]) -> list[str]:
    lines = [f"{region.name} ({len(signals)})"]
    for signal in signals[:PER_REGION]:
        lines += [
            f"- {signal.measure_name} ({signal.project_title}): {signal.words}",
            f"  {signal.url}",
        ]
    if len(signals) > PER_REGION:
        lines.append(
            f"- and {len(signals) - PER_REGION} more in {region.name}: "
            f"{settings.SITE_URL}{region.get_absolute_url()}"
        )
    return [*lines, ""]
