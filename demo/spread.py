"""The brochure's spreads as adoption records: the ELPQuIC bundle from four hospitals before the
Emergency Laparotomy Collaborative to 28 at its end, the AKI alert in seven more North East
trusts, and the ED safety checklist in every West of England acute trust and its ambulance
service. Dates are drawn from a seeded generator, so every run writes the same rows."""

import random
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from demo.hospitals import acute_trusts, ambulance_service, ensure_acute_trusts
from learning.models import Adoption, AdoptionSource, AdoptionStatus, ChangeEntry, Programme
from projects.models import Project
from regions.models import User

EL_REGIONS = ["west-of-england", "wessex", "kent-surrey-sussex"]  # new hospitals in this turn
EL_HOSPITALS, EL_PILOTS = 28, 4
# The four hospitals of the ELPQuIC pilot (2012 to 2014) made the bundle their standard care
# in 2015, the year before the collaborative (dated then, so the rollups gain one year, not four).
PILOT_DATES = [date(2015, 5, 11), date(2015, 7, 6), date(2015, 9, 7), date(2015, 11, 2)]
PILOT_NOTE = "One of the four ELPQuIC pilot hospitals (2012 to 2014)"
NE, AKI_TRUSTS = "north-east-north-cumbria", 8  # where it began, and seven more
AKI_STORY, ED_STORY = (
    "Acute kidney injury on surgical wards",
    "Emergency department safety checklist",
)


def ensure_hospitals() -> int:
    return ensure_acute_trusts(EL_REGIONS, EL_HOSPITALS) + ensure_acute_trusts([NE], AKI_TRUSTS)


def _spread_dates(rng, count: int, start: date, end: date) -> list[date]:
    """`count` dates spread across [start, end], a little irregularly, in order."""
    span = (end - start).days
    days = [
        min(span, max(0, round(span * (i + 0.5) / count + rng.uniform(-10, 10))))
        for i in range(count)
    ]
    return sorted(start + timedelta(days=d) for d in days)


def _status(adopted_on: date, end: date) -> str:
    if adopted_on > end - timedelta(days=120):
        return AdoptionStatus.TESTING
    if adopted_on < end - timedelta(days=420):
        return AdoptionStatus.SUSTAINED
    return AdoptionStatus.IMPLEMENTED


def _laparotomy(programme: Programme, rng, by) -> list[Adoption]:
    trusts = acute_trusts(EL_REGIONS)
    by_code = sorted(trusts, key=lambda o: o.ods_code)
    by_region = {}
    for organisation in by_code:
        by_region.setdefault(organisation.region.slug, []).append(organisation)
    # The teaching hospitals that developed the bundle: the first of each region, and a
    # second in Kent Surrey Sussex.
    pilots = [by_region[slug][0] for slug in EL_REGIONS] + [by_region["kent-surrey-sussex"][1]]
    others = [o for o in by_code if o not in pilots][: EL_HOSPITALS - EL_PILOTS]
    rng.shuffle(others)
    adoptions = [
        Adoption(
            organisation=organisation,
            package_of=programme,
            adopted_on=day,
            status=AdoptionStatus.SUSTAINED,
            source=AdoptionSource.ELSEWHERE,
            source_note=PILOT_NOTE,
            recorded_by=by,
        )
        for organisation, day in zip(pilots[:EL_PILOTS], PILOT_DATES, strict=True)
    ]
    dates = _spread_dates(rng, len(others), programme.start_date, programme.end_date)
    adoptions += [
        Adoption(
            organisation=organisation,
            package_of=programme,
            adopted_on=day,
            status=_status(day, programme.end_date),
            source=AdoptionSource.PROGRAMME,
            source_programme=programme,
            recorded_by=by,
        )
        for organisation, day in zip(others, dates, strict=True)
    ]
    return adoptions


def _from_project(entry, project, organisations, first: date, start: date, end: date, rng, by):
    """The project's own trust first, then the others across [start, end]."""
    origin, *rest = organisations
    days = [first, *_spread_dates(rng, len(rest), start, end)]
    return [
        Adoption(
            organisation=organisation,
            entry=entry,
            adopted_on=day,
            status=AdoptionStatus.SUSTAINED if organisation == origin else _status(day, end),
            source=AdoptionSource.PROJECT,
            source_project=project,
            recorded_by=by,
        )
        for organisation, day in zip([origin, *rest], days, strict=True)
    ]


def _lead(region_slug: str) -> User | None:
    return User.objects.filter(username=f"lead.{region_slug}").first()


def seed_spread(programmes: dict[str, Programme], entries: dict[str, ChangeEntry], seed=2016):
    """Writes the adoptions; returns how many."""
    rng = random.Random(seed)
    programme = programmes["emergency-laparotomy"]
    adoptions = _laparotomy(programme, rng, programme.leads.first() or _lead("kent-surrey-sussex"))
    stories = {p.title: p for p in Project.objects.filter(title__in=[AKI_STORY, ED_STORY])}
    if AKI_STORY in stories:
        adoptions += _from_project(
            entries["aki-alert-care-bundle"],
            stories[AKI_STORY],
            acute_trusts([NE])[:AKI_TRUSTS],
            date(2017, 1, 9),
            date(2017, 4, 3),
            date(2018, 3, 30),
            rng,
            _lead(NE),
        )
    if ED_STORY in stories:
        woe = [*acute_trusts(["west-of-england"]), ambulance_service()]
        adoptions += _from_project(
            entries["ed-safety-checklist"],
            stories[ED_STORY],
            woe,
            date(2016, 11, 7),
            date(2017, 4, 3),
            date(2017, 12, 15),
            rng,
            _lead("west-of-england"),
        )
    return len(bulk_create_with_history(adoptions, Adoption))
