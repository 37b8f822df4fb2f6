"""The demo's story charts are rebased where their process changed, with PDSA cycles tested
just before, and no chart runs past its data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from demo.measures import EVENT_STORIES, FEWEST_POINTS_TO_REBASE, STORIES
from demo.timeline import change_monday, first_monday
from measurement.analysis import analyse_measure
from measurement.models import Measure
from measurement.phase_suggestions import suggested_start
from projects.models import PDSACycle, ProjectRole


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for these tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _story_measure(story) -> Measure:
    standard_name = story.name or None
    measures = Measure.objects.filter(project__title=story.project, standard__slug=story.standard)
    if standard_name:
        measures = measures.filter(name=standard_name)
    else:
        measures = measures.exclude(name__in=[s.name for s in STORIES if s.name])
    return measures.select_related("project").get()


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.name or s.standard)
def test_a_story_chart_has_a_new_phase_where_its_process_changed(db, demo, story):
    measure = _story_measure(story)
    change = change_monday(measure.project.start_date, story.change_week)
    rebase = measure.rebases.select_related("change_idea", "pdsa_cycle", "created_by").get()
    assert (rebase.start, rebase.reason) == (change, story.change)
    assert rebase.change_idea.text == story.idea
    lead = measure.project.members.get(role=ProjectRole.LEAD).user
    assert rebase.created_by == lead
    assert rebase.created_at.date() > rebase.start
    analysis = analyse_measure(measure)
    assert [phase.start for phase in analysis.phases] == [analysis.points[0].period, change]
    # Each phase's centre line sits nearer its own level than a third of the way to the other.
    step = abs(story.after - story.before)
    before, after = (phase.centre for phase in analysis.phases)
    assert abs(before - story.before) < step / 3
    assert abs(after - story.after) < step / 3


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.name or s.standard)
def test_a_story_chart_ends_with_its_data_and_suggests_no_other_phase(db, demo, story):
    measure = _story_measure(story)
    periods = list(measure.data_points.order_by("period").values_list("period", flat=True))
    first = first_monday(measure.project.start_date)
    assert (periods[0], periods[-1]) == (first, first + timedelta(weeks=story.weeks - 1))
    assert len(periods) == story.weeks  # no stray point "this week" on an old measure
    assert suggested_start(analyse_measure(measure)) is None


def test_pdsa_cycles_are_dated_just_before_the_change_they_tested(db, demo):
    for story in STORIES:
        measure = _story_measure(story)
        change = change_monday(measure.project.start_date, story.change_week)
        cycles = PDSACycle.objects.filter(project=measure.project)
        assert cycles.exists()
        for cycle in cycles:
            assert change - timedelta(weeks=10) <= cycle.start_date
            assert cycle.end_date < change
        if story.idea in {c.change_idea.text for c in cycles}:
            assert measure.rebases.get().pdsa_cycle.end_date < change


def test_rare_event_charts_are_rebased_only_with_events_enough_after_the_change(db, demo):
    for story in EVENT_STORIES:
        measure = Measure.objects.get(project__title=story.project, standard__slug=story.standard)
        change = change_monday(measure.project.start_date)
        after = measure.events.filter(date__gte=change).order_by("date")
        if after.count() >= FEWEST_POINTS_TO_REBASE:
            rebase = measure.rebases.get()
            assert (rebase.start, rebase.reason) == (after.first().date, story.change)
        else:
            assert not measure.rebases.exists()
    assert Measure.objects.filter(data_type="events", rebases__isnull=False).exists()
