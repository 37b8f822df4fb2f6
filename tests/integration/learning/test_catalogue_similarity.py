"""Ranking by similarity in the database: PostgreSQL's full-text ranking, or the word overlap on
SQLite. Run on both (DATABASE_URL=postgres://... for PostgreSQL); the order asked is the same."""

import pytest
from django.db import connection

from learning import matching
from learning.models import ChangeEntry, ChangeLink
from projects.models import ChangeIdea
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


def test_ideas_like_an_entry_come_most_alike_first_and_those_sharing_nothing_not_at_all():
    entry = ChangeEntryFactory(
        name="Sepsis screening tool", description="Screen every adult for sepsis at triage"
    )
    best = ChangeIdeaFactory(text="Sepsis screening tool in ED", description="Screening for sepsis")
    some = ChangeIdeaFactory(text="Nurse-led triage")
    ChangeIdeaFactory(text="Fluid balance charts")
    found = matching.ideas_like(matching.entry_text(entry), ChangeIdea.objects.all())
    assert [idea.text for idea in found] == [best.text, some.text]
    assert found[0].similarity > found[1].similarity > 0


def test_entries_like_a_search_use_stemming():
    ChangeEntryFactory(name="Safety huddles", description="A short meeting at each shift")
    ChangeEntryFactory(name="Sepsis six", description="Six things within the hour")
    found = matching.entries_like("huddle", ChangeEntry.objects.all())
    assert [entry.name for entry in found] == ["Safety huddles"]
    assert matching.entries_like("the and of", ChangeEntry.objects.all()) == []


def test_the_backend_is_the_one_asked_for():
    # Documents which path ran: the suite is run on both databases.
    assert connection.vendor in ("sqlite", "postgresql")


def test_unlinked_ideas_a_user_may_link(wessex_lead, national_admin):
    wessex = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    joined = ProjectFactory(lead_region=region("oxford"))
    joined.participating_regions.set([region("wessex")])
    participating = ChangeIdeaFactory(project=joined)
    programme_lead = UserFactory()
    member = ProgrammeMemberFactory(
        programme=ProgrammeFactory(leads=[programme_lead]),
        project=ProjectFactory(lead_region=region("yorkshire-humber")),
    )
    in_programme = ChangeIdeaFactory(project=member.project)
    elsewhere = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("eastern")))
    linked = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    ChangeLink.objects.create(change_idea=linked, entry=ChangeEntryFactory())

    def ids(user):
        return set(matching.unlinked_ideas_linkable_by(user).values_list("pk", flat=True))

    assert ids(wessex_lead) == {wessex.pk, participating.pk}
    assert ids(programme_lead) == {in_programme.pk}
    assert ids(national_admin) == {wessex.pk, participating.pk, in_programme.pk, elsewhere.pk}
