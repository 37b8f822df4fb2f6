"""The learning system's demo: the brochure's collaboratives, a catalogue of changes and their
spread, written straight to the tables (no services) after the rest of the demo, so nothing the
2016/17 figures count moves; and some changes' spread in the years since (demo/later_spread.py).
Once: skipped when the programmes are there already."""

from datetime import date

from demo.catalogue import seed_catalogue
from demo.collaboratives import seed_collaboratives, seed_programme_leads, seed_programmes
from demo.later_spread import seed_later_spread
from demo.spread import ensure_hospitals, seed_spread
from learning.models import Programme
from regions.models import User

MARKER = "emergency-laparotomy"


def seed_learning(password: str, today: date) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Returns what it created (counts by kind) and the programme leads it signs in as."""
    people = seed_programme_leads(password)
    hospitals = ensure_hospitals()
    if Programme.objects.filter(slug=MARKER).exists():
        return {"hospitals": hospitals}, people
    by = User.objects.filter(username="admin").first()
    programmes = seed_programmes(by)
    teams = seed_collaboratives(programmes, by)
    entries = seed_catalogue(programmes, by)
    adoptions = seed_spread(programmes, entries) + seed_later_spread(entries, today)
    created = {
        "hospitals": hospitals,
        "programmes": len(programmes),
        "member teams": teams,
        "catalogue entries": len(entries),
        "adoptions": adoptions,
    }
    return created, people
