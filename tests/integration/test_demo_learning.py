"""The demo's learning system tells the brochure's stories: the three collaboratives with their
lead regions, ELPQuIC from 4 hospitals to 28, Greater Manchester's nine teams and three action
periods, 99% contributing in the south, AKI in seven more North East trusts and the ED
checklist across the West of England; and seeding twice adds nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q, Sum
from django.urls import Resolver404, resolve

from learning.models import (
    ADOPTING_STATUSES,
    Adoption,
    ChangeEntry,
    ChangeLink,
    EntryStatus,
    Programme,
    SessionAttendance,
)
from measurement.models import DataPoint, Measure
from projects.models import ProgressScore
from regions.models import Organisation, OrganisationType, User
from reporting.rollups.read import figures

EL_REGIONS = {"kent-surrey-sussex", "wessex", "west-of-england"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for these tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def adopting(programme: Programme, on):
    """Distinct organisations adopting the package or any entry in it on a day."""
    return set(
        Adoption.objects.filter(
            Q(package_of=programme) | Q(entry__package_items__programme=programme),
            status__in=ADOPTING_STATUSES,
            adopted_on__lte=on,
        ).values_list("organisation_id", flat=True)
    )


def entry_adopters(slug: str):
    return Organisation.objects.filter(
        adoptions__entry__slug=slug, adoptions__status__in=ADOPTING_STATUSES
    ).distinct()


def test_the_three_collaboratives_have_their_lead_regions(db, demo):
    leads = {
        p.slug: {r.slug for r in p.lead_regions.all()}
        for p in Programme.objects.prefetch_related("lead_regions")
    }
    assert leads["emergency-laparotomy"] == EL_REGIONS
    assert leads["gm-medicines-safety"] == {"greater-manchester"}
    assert "wessex" in leads["south-mental-health"]
    laparotomy = Programme.objects.get(slug="emergency-laparotomy")
    assert laparotomy.method == "breakthrough_series"
    assert "1,000 lives" in laparotomy.aim_text
    assert laparotomy.leads.filter(username="programme.emergency-laparotomy").exists()
    teams = laparotomy.members.select_related("project__lead_region")
    assert teams.count() >= 3
    assert {m.project.lead_region.slug for m in teams} <= EL_REGIONS


def test_elpquic_spreads_from_four_hospitals_before_the_collaborative_to_28_at_its_end(db, demo):
    programme = Programme.objects.get(slug="emergency-laparotomy")
    before = adopting(programme, programme.start_date - timedelta(days=1))
    at_end = adopting(programme, programme.end_date)
    assert (len(before), len(at_end)) == (4, 28)
    hospitals = Organisation.objects.filter(pk__in=at_end)
    assert {o.region.slug for o in hospitals} == EL_REGIONS
    assert set(hospitals.values_list("type", flat=True)) == {OrganisationType.ACUTE_TRUST}
    # The 24 others joined across the programme, not all at once.
    dates = Adoption.objects.filter(package_of=programme, adopted_on__gte=programme.start_date)
    months = {(d.year, d.month) for d in dates.values_list("adopted_on", flat=True)}
    assert dates.count() == 24 and len(months) >= 18
    package = list(programme.package_items.values_list("entry__slug", flat=True))
    assert package[0] == "elpquic-care-bundle" and len(package) >= 3
    bundle = ChangeEntry.objects.get(slug="elpquic-care-bundle")
    assert bundle.owner_programme == programme


def test_the_api_lists_the_laparotomy_collaboratives_three_lead_regions(db, demo, client):
    url = "/api/v1/programmes/emergency-laparotomy/"
    try:
        resolve(url)
    except Resolver404:
        pytest.skip("the programmes API is not there yet")
    client.force_login(User.objects.get(username="national"))
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for slug in EL_REGIONS:
        assert slug in body


def test_greater_manchester_has_nine_teams_three_action_periods_and_a_rising_measure(db, demo):
    programme = Programme.objects.get(slug="gm-medicines-safety")
    teams = [m.project for m in programme.members.select_related("project__lead_region")]
    assert len(teams) == 9
    assert {t.lead_region.slug for t in teams} == {"greater-manchester"}
    sessions = list(programme.sessions.values_list("held_on", flat=True))
    assert len(sessions) == 4 and sessions[-1] <= programme.end_date
    assert (programme.end_date - programme.start_date).days in range(350, 366)
    calendar = pytest.importorskip("learning.calendar")
    assert len(calendar.action_periods(sessions, end=programme.end_date)) == 3
    assert len(calendar.action_periods(sessions)) == 3

    shared = programme.shared_measures.get()
    assert shared.is_mandatory and shared.standard.data_type == "proportion"
    measures = Measure.objects.filter(project__in=teams, standard=shared.standard)
    assert measures.values("project").distinct().count() == 9

    def collaborative(first, last):
        totals = DataPoint.objects.filter(
            measure__in=measures, period__gte=first, period__lte=last
        ).aggregate(k=Sum("numerator"), n=Sum("denominator"))
        return totals["k"] / totals["n"]

    start, end = programme.start_date, programme.end_date
    assert collaborative(start, start + timedelta(weeks=6)) == pytest.approx(0.266, abs=0.03)
    assert collaborative(end - timedelta(weeks=6), end) == pytest.approx(0.424, abs=0.03)

    attended = SessionAttendance.objects.filter(session__programme=programme, project__isnull=False)
    assert attended.count() >= 30
    assert not attended.filter(feedback_score__isnull=True).exists()
    scores = ProgressScore.objects.filter(project__in=teams, recorded_on__range=(start, end))
    assert scores.values("project").distinct().count() == 9
    assert scores.values("recorded_on__month").distinct().count() >= 10


def test_in_the_south_99_per_cent_said_they_contributed(db, demo):
    programme = Programme.objects.get(slug="south-mental-health")
    assert programme.sessions.count() >= 4
    answered = SessionAttendance.objects.filter(
        session__programme=programme, contributed__isnull=False
    )
    said_yes = answered.filter(contributed=True).count()
    assert said_yes < answered.count()
    assert round(100 * said_yes / answered.count()) == 99
    assert "all teach, all learn" in programme.summary


def test_the_aki_alert_spread_to_seven_other_north_east_trusts(db, demo):
    adoptions = Adoption.objects.filter(
        entry__slug="aki-alert-care-bundle", status__in=ADOPTING_STATUSES
    ).order_by("adopted_on")
    regions = set(adoptions.values_list("organisation__region__slug", flat=True))
    assert regions == {"north-east-north-cumbria"}
    first, *others = adoptions
    assert len({a.organisation_id for a in others} - {first.organisation_id}) == 7
    assert all(a.adopted_on > first.adopted_on for a in others)
    assert first.source_project.title == "Acute kidney injury on surgical wards"
    entry = ChangeEntry.objects.get(slug="aki-alert-care-bundle")
    assert entry.owner_region.slug == "north-east-north-cumbria"


def test_every_west_of_england_acute_trust_and_the_ambulance_service_use_the_checklist(db, demo):
    adopters = set(entry_adopters("ed-safety-checklist"))
    acute = set(
        Organisation.objects.filter(
            region__slug="west-of-england", type=OrganisationType.ACUTE_TRUST
        )
    )
    assert len(acute) >= 4 and acute <= adopters
    ambulance = [o for o in adopters if o.type == OrganisationType.AMBULANCE_TRUST]
    assert len(ambulance) == 1 and ambulance[0].region.slug == "west-of-england"
    assert adopters == acute | set(ambulance)


def test_the_catalogue_is_published_with_resources_and_linked_to_projects(db, demo):
    entries = ChangeEntry.objects.prefetch_related("resources")
    assert 8 <= entries.count() <= 15
    for entry in entries:
        assert entry.status == EntryStatus.PUBLISHED and entry.published_on
        assert entry.evidence and entry.resources.exists()
    linked = ChangeLink.objects.select_related("change_idea__project", "entry")
    pairs = {(link.change_idea.text, link.entry.slug) for link in linked}
    assert ("Sepsis screening on arrival", "laparotomy-sepsis-screening") in pairs
    assert ("Electronic AKI alert with care bundle", "aki-alert-care-bundle") in pairs
    huddles = linked.filter(entry__slug="ward-safety-huddle")
    assert huddles.values("change_idea__project").distinct().count() >= 5


def test_seeding_again_adds_nothing_and_the_published_figures_stay(db, demo):
    models = (Programme, ChangeEntry, ChangeLink, Adoption, SessionAttendance, Organisation)
    counts = [model.objects.count() for model in models]
    call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=StringIO())
    assert [model.objects.count() for model in models] == counts
    national = figures("national", "2016-17")
    assert (national["projects_started"], national["projects_completed"]) == (451, 170)
    assert national["staff_trained"]["total"] == 10150
    assert national["organisations_engaged"]["total"] == 1575
