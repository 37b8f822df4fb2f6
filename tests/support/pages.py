"""The service's pages, with the demo's data behind them, for the tests that go through every
page (the Content-Security-Policy's: tests/integration/test_security_headers.py and
tests/functional/test_content_security_policy.py).

`seed_demo()` stores the demo (about six seconds); `pages()` then names one of each page, keyed
by a short description, as the demo's national admin ("admin", who may see and change all of
them) would open it.
"""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from measurement.models import DataType, Measure, PointNote, StandardMeasure
from projects.models import ChangeIdea, PDSACycle, Project
from regions.activity.kinds import KINDS
from regions.models import Organisation
from tests.conftest import PASSWORD

USERNAME = "admin"  # the demo's national admin, a superuser for the back office too


def seed_demo() -> None:
    call_command("seed_demo", password=PASSWORD, force=True, stdout=StringIO())


def pages() -> dict[str, str]:
    return {
        **_project_pages(),
        **_measure_pages(),
        **_region_pages(),
        **_learning_pages(),
        **_story_pages(),
        **_other_pages(),
    }


def _a_story_project() -> Project:
    """A demo project with a diagram, PDSA cycles and weekly measures with data."""
    return (
        Project.objects.filter(pdsa_cycles__isnull=False, measures__data_points__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )


def _project_pages() -> dict[str, str]:
    project = _a_story_project()
    cycle = PDSACycle.objects.filter(change_idea__project=project).order_by("pk").first()
    idea = ChangeIdea.objects.filter(project=project).order_by("pk").first()
    pk = project.pk
    return {
        "portfolio": reverse("projects:portfolio"),
        "portfolio filtered": reverse("projects:portfolio") + "?q=falls",
        "change idea search": reverse("projects:change_idea_search") + "?q=huddle",
        "new project": reverse("projects:create"),
        "project": reverse("projects:detail", args=[pk]),
        "project edit": reverse("projects:update", args=[pk]),
        "project team": reverse("projects:team", args=[pk]),
        "project team search": reverse("projects:team", args=[pk]) + "?q=lead",
        "project team search results": reverse("projects:team_people", args=[pk]) + "?q=lead",
        "project invitation": reverse("invitations:project", args=[pk]),
        "project history": reverse("projects:history", args=[pk]),
        "project history page 2": reverse("projects:history", args=[pk]) + "?page=2",
        "organisations to pick": reverse("projects:organisation_picker") + "?organisation_q=t",
        "organisations to pick for a project": reverse("projects:organisation_picker")
        + f"?project={pk}&organisation_type=acute_trust",
        "driver diagram": reverse("projects:diagram", args=[pk]),
        "new PDSA cycle": reverse("projects:pdsa_create", args=[pk]),
        "PDSA cycle": reverse("projects:pdsa_detail", args=[pk, cycle.pk]),
        "PDSA cycle edit": reverse("projects:pdsa_update", args=[pk, cycle.pk]),
        "change idea": reverse("projects:change_idea_detail", args=[pk, idea.pk]),
    }


def _measure_pages() -> dict[str, str]:
    project = _a_story_project()
    measure = project.measures.filter(data_points__isnull=False).order_by("pk").first()
    events = Measure.objects.filter(data_type=DataType.EVENTS).order_by("pk").first()
    standard = StandardMeasure.objects.order_by("slug").first()
    found = {
        "your measures": reverse("measurement:my_measures"),
        "measure library": reverse("measurement:standard_list"),
        "notifications": reverse("measurement:notifications"),
        "notification settings": reverse("measurement:notification_settings"),
        "new measure": reverse("measurement:measure_create", args=[project.pk]),
        "measure": reverse("measurement:measure_detail", args=[measure.pk]),
        "measure edit": reverse("measurement:measure_update", args=[measure.pk]),
        "how to read a chart": reverse("measurement:how_to_read"),
        "new note on a point": reverse("measurement:note_create", args=[measure.pk]),
        "measure upload": reverse("measurement:csv_upload", args=[measure.pk]),
        "data-entry grid": reverse("measurement:project_grid", args=[project.pk]),
    }
    if standard:
        found["standard measure"] = reverse("measurement:standard_detail", args=[standard.slug])
    note = PointNote.objects.order_by("pk").first()
    if note:
        found["note on a point"] = reverse(
            "measurement:note_update", args=[note.measure_id, note.pk]
        )
    if events:
        found["event entry"] = reverse("measurement:event_entry", args=[events.pk])
    rebase = measure.rebases.order_by("pk").first()  # the demo rebased its story charts
    if rebase:
        found["phase removal"] = reverse("measurement:rebase_remove", args=[measure.pk, rebase.pk])
    return found


def _region_pages() -> dict[str, str]:
    organisation = Organisation.objects.order_by("pk").first()
    slug = organisation.region.slug
    found = {
        "national dashboard": reverse("dashboards:national"),
        "regional dashboard": reverse("dashboards:region", args=[slug]),
        "reporting rate": reverse("dashboards:reporting_rate") + f"?region={slug}",
        "monthly reporting rate": reverse("dashboards:reporting_rate") + f"?region={slug}&by=month",
        "board packs": reverse("dashboards:board_packs", args=[slug]),
        "measures summary": reverse("dashboards:mdc_summary"),
        "measures summary of a region, sorted": reverse("dashboards:mdc_summary")
        + f"?region={slug}&sort=-latest&variation=common_cause",
        "regions": reverse("regions:list"),
        "stalled projects": reverse("projects:stalled", args=[slug]),
        "region": reverse("regions:detail", args=[slug]),
        "regional lead invitation": reverse("invitations:region", args=[slug]),
        "organisations": reverse("regions:organisation_list"),
        "new organisation": reverse("regions:organisation_create"),
        "organisation": reverse("regions:organisation_detail", args=[organisation.pk]),
        "organisation edit": reverse("regions:organisation_update", args=[organisation.pk]),
        "activity": reverse("activity:overview", args=[slug]),
    }
    for kind in KINDS.values():
        found[f"{kind.plural}"] = reverse("activity:list", args=[slug, kind.slug])
        found[f"new {kind.noun}"] = reverse("activity:create", args=[slug, kind.slug])
        found[f"{kind.plural} upload"] = reverse("activity:csv_upload", args=[slug, kind.slug])
        record = kind.model.objects.filter(region__slug=slug).order_by("pk").first()
        if record:
            found[f"{kind.noun} edit"] = reverse(
                "activity:update", args=[slug, kind.slug, record.pk]
            )
    return found


def _learning_pages() -> dict[str, str]:
    from learning.models import Adoption, ChangeEntry, Programme

    programme = Programme.objects.get(slug="gm-medicines-safety")  # teams, sessions, measures
    slug = programme.slug
    member = programme.members.order_by("pk").first()
    session = programme.sessions.order_by("pk").first()
    entry = ChangeEntry.objects.filter(links__isnull=False).order_by("pk").first()
    adoption = Adoption.objects.order_by("pk").first()
    idea = ChangeIdea.objects.filter(catalogue_link__isnull=True).order_by("pk").first()
    shared = programme.shared_measures.order_by("pk").first()
    found = {
        "programmes": reverse("learning:programme_list"),
        "new programme": reverse("learning:programme_create"),
        "programme": reverse("learning:programme_detail", args=[slug]),
        "programme edit": reverse("learning:programme_update", args=[slug]),
        "programme results": reverse("learning:programme_results", args=[slug]),
        "programme reporting rate": reverse("dashboards:reporting_rate") + f"?programme={slug}",
        "programme package": reverse("learning:programme_package", args=[slug]),
        "programme spread": reverse("learning:programme_spread", args=["emergency-laparotomy"]),
        "new programme team": reverse("learning:programme_member_create", args=[slug]),
        "programme team edit": reverse("learning:programme_member_update", args=[slug, member.pk]),
        "new learning session": reverse("learning:programme_session_create", args=[slug]),
        "learning session edit": reverse(
            "learning:programme_session_update", args=[slug, session.pk]
        ),
        "attendance": reverse("learning:programme_attendance", args=[slug, session.pk]),
        "new shared measure": reverse("learning:programme_measure_create", args=[slug]),
        "changes": reverse("learning:change_list"),
        "changes searched": reverse("learning:change_list") + "?q=huddle",
        "new change": reverse("learning:change_create"),
        "change": reverse("learning:change_detail", args=[entry.slug]),
        "change edit": reverse("learning:change_update", args=[entry.slug]),
        "change history": reverse("learning:change_history", args=[entry.slug]),
        "change spread": reverse("learning:change_spread", args=[entry.slug]),
        "change idea link": reverse("learning:change_idea_link", args=[idea.pk]),
        "adoptions": reverse("learning:adoption_list"),
        "new adoption": reverse("learning:adoption_create") + f"?change={entry.slug}",
        "adoption edit": reverse("learning:adoption_update", args=[adoption.pk]),
        "adoption upload": reverse("learning:adoption_upload"),
    }
    if shared:
        found["shared measure edit"] = reverse(
            "learning:programme_measure_update", args=[slug, shared.pk]
        )
        found["shared measure removal"] = reverse(
            "learning:programme_measure_remove", args=[slug, shared.pk]
        )
    return found


def _story_pages() -> dict[str, str]:
    """A published demo story's project (learning, outcomes, charts) as its editors see it. The
    page agreeing to be named is a team member's alone, so the admin is refused it."""
    from learning.models import ReportedOutcome, Story

    story = Story.objects.get(slug=SWABS_STORY)
    pk = story.project_id
    outcome = ReportedOutcome.objects.order_by("pk").first()
    return {
        "project learning": reverse("learning:project_learning", args=[pk]),
        "new outcome": reverse("learning:outcome_create", args=[pk]),
        "outcome edit": reverse("learning:outcome_update", args=[outcome.pk]),
        "outcome removal": reverse("learning:outcome_delete", args=[outcome.pk]),
        "story": reverse("learning:story", args=[pk]),
        "story submit": reverse("learning:story_submit", args=[pk]),
        "story withdraw": reverse("learning:story_withdraw", args=[pk]),
        "story review": reverse("learning:story_review", args=[pk]),
        "stories to review": reverse("learning:stories_to_review"),
        "start a project from a story": reverse("learning:story_start_project", args=[story.slug]),
        "archive signed in": reverse("learning:archive"),
    }


def _other_pages() -> dict[str, str]:
    return {
        "home": reverse("home"),
        "API tokens": reverse("tokens"),
        "API docs": reverse("api-docs"),
        "back office": reverse("admin:index"),
        "back office list": reverse("admin:regions_organisation_changelist"),
        "back office form": reverse(
            "admin:regions_organisation_change", args=[Organisation.objects.first().pk]
        ),
    }


SWABS_STORY = "retained-swabs-in-maternity"  # a published demo story, its chart and learning

# Pages seen before signing in (a signed-in visitor is sent on from some of them).
SIGNED_OUT_PAGES = {
    "archive": "/archive/",
    "archive searched and filtered": "/archive/?q=handover&topic=never_events",
    "archive story": f"/archive/{SWABS_STORY}/",
    "sign in": "/sign-in/",
    "password reset": "/account/password-reset/",
    "back office sign in": "/admin/login/",
}
