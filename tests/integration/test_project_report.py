"""The project's report as a PDF (GET /projects/{id}/report.pdf): what it says, read back out of
the PDF as text; who may download it; its queries, flat however many measures."""

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import ProjectLearning
from measurement.services.data import data_points_upsert
from projects import access as projects_access
from projects.models import Project
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectLearningFactory,
    ReportedOutcomeFactory,
    SecondaryDriverFactory,
)

pytestmark = pytest.mark.django_db

MONDAY = date(2016, 5, 2)


def weekly_rows(weeks=30, start=MONDAY, step=0):
    """Values around 20 that rise by `step` a week (so a chart can show a shift)."""
    return [
        {"period": (start + timedelta(weeks=n)).isoformat(), "value": 20 + step * n + n % 3}
        for n in range(weeks)
    ]


def a_measure(project, by, name, weeks=30):
    measure = MeasureFactory(project=project, name=name, frequency="weekly")
    summary = data_points_upsert(by=by, measure=measure, rows=weekly_rows(weeks))
    assert summary.saved, summary.rejected
    return measure


@pytest.fixture
def project(national_admin):
    return a_project()


def a_project() -> Project:
    """A project with an aim, an organisation, a driver diagram, a ramp of two cycles (adapt,
    then adopt), its learning and a reported outcome."""
    project = ProjectFactory(
        title="Fewer falls on the wards",
        aim_what="Falls with harm",
        aim_for_whom="older inpatients",
        aim_how_much="20%",
        aim_by_when=date(2017, 3, 31),
    )
    project.organisations.add(OrganisationFactory(name="Riverside Hospitals NHS Trust"))
    secondary = SecondaryDriverFactory(
        primary_driver=PrimaryDriverFactory(project=project, text="Safer mobility"),
        text="Patients walk with help",
    )
    idea = ChangeIdeaFactory(project=project, text="Bay nursing at night")
    idea.secondary_drivers.add(secondary)
    first = PDSACycleFactory(
        change_idea=idea, title="One bay, one week", decision="adapt", start_date=MONDAY
    )
    PDSACycleFactory(
        change_idea=idea,
        title="Every bay, a month",
        decision="adopt",
        follows=first,
        start_date=MONDAY + timedelta(weeks=3),
        results="Falls halved on the ward.",
    )
    ProjectLearningFactory(project=project, what_worked="A bay nurse on every night shift.")
    ReportedOutcomeFactory(project=project, description="Bed-days released")
    return project


def pdf_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_report_says_the_aim_team_diagram_measures_cycles_and_learning(
    client_for, national_admin, frontline_member, project
):
    for name in ("Falls with harm per 1,000 bed-days", "Patients assessed within a day"):
        a_measure(project, national_admin, name)

    response = client_for(frontline_member).get(
        reverse("reports:project_report", args=[project.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"project-{project.pk}-report.pdf" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Improve falls with harm for older inpatients by 20% by 31 March 2017." in text
    assert "Riverside Hospitals NHS Trust" in text and "Wessex" in text
    assert "Primary driver: Safer mobility" in text
    assert "Change idea: Bay nursing at night" in text
    assert "Falls with harm per 1,000 bed-days" in text
    assert "Patients assessed within a day" in text
    assert "Variation:" in text
    assert "Ramp: Bay nursing at night" in text
    assert "One bay, one week" in text and "Decision: Adapt" in text
    assert "Every bay, a month" in text and "Decision: Adopt" in text
    assert text.index("One bay, one week") < text.index("Every bay, a month")
    assert "A bay nurse on every night shift." in text
    assert "Bed-days released" in text


def test_a_measure_with_a_shift_has_its_impact_statement(client_for, national_admin, project):
    measure = MeasureFactory(project=project, name="Hourly rounds done", frequency="weekly")
    rows = [
        {
            "period": (MONDAY + timedelta(weeks=n)).isoformat(),
            "value": (20 if n < 20 else 40) + n % 3,
        }
        for n in range(40)
    ]
    data_points_upsert(by=national_admin, measure=measure, rows=rows)
    from measurement.services.phases import rebase_add

    rebase_add(
        by=national_admin,
        measure=measure,
        start=MONDAY + timedelta(weeks=20),
        reason="Rounds put on the board",
    )

    text = pdf_text(
        client_for(national_admin).get(reverse("reports:project_report", args=[project.pk]))
    )

    statement = re.search(
        r"Hourly rounds done: from 2[\d.]+ \(phase 1, from 2 May 2016\) "
        r"to 4[\d.]+ \(phase 2, from 19 Sep 2016: Rounds put on the board\), "
        r"up \d+%, an improvement",
        text,
    )
    assert statement, text
    # The readings are the chart's: the new phase is stable, the jump before it a shift.
    assert "What the chart says now. Variation: common cause variation." in text


def test_a_measure_without_a_new_phase_reads_as_a_shift(client_for, national_admin, project):
    measure = MeasureFactory(project=project, name="Hourly rounds done", frequency="weekly")
    rows = [
        {
            "period": (MONDAY + timedelta(weeks=n)).isoformat(),
            "value": (20 if n < 20 else 40) + n % 3,
        }
        for n in range(40)
    ]
    data_points_upsert(by=national_admin, measure=measure, rows=rows)

    text = pdf_text(
        client_for(national_admin).get(reverse("reports:project_report", args=[project.pk]))
    )

    assert "Variation: special cause improvement." in text
    # …and again beside its Making Data Count icon.
    assert text.count("Variation: special cause improvement") == 2


def test_the_pdf_is_tagged(client_for, national_admin, project):
    response = client_for(national_admin).get(reverse("reports:project_report", args=[project.pk]))
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert reader.metadata.title == "Fewer falls on the wards: project report"


def test_signed_out_visitors_are_sent_to_sign_in_and_get_no_pdf(client, project):
    response = client.get(reverse("reports:project_report", args=[project.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not response.content.startswith(b"%PDF")


def test_a_user_who_may_not_see_the_project_gets_a_404_and_no_pdf(
    client_for, frontline_member, project, monkeypatch
):
    """The report asks the project's own access policy, as the project page does."""
    hidden = lambda user: Project.objects.exclude(pk=project.pk)  # noqa: E731
    monkeypatch.setattr(projects_access, "projects_visible_to", hidden)
    client = client_for(frontline_member)

    response = client.get(reverse("reports:project_report", args=[project.pk]))

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")
    assert client.get(reverse("reports:project_report", args=[999999])).status_code == 404


def test_the_project_page_links_to_the_report(client_for, frontline_member, project):
    page = client_for(frontline_member).get(reverse("projects:detail", args=[project.pk]))
    href = reverse("reports:project_report", args=[project.pk])
    assert f'href="{href}"' in page.content.decode()
    assert "Download report (PDF)" in page.content.decode()


def _queries(client, project) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:project_report", args=[project.pk]))
    assert response.status_code == 200
    return len(queries)


def test_its_queries_do_not_grow_with_measures_cycles_or_notes(client_for, national_admin, project):
    client = client_for(national_admin)
    a_measure(project, national_admin, "The first measure")
    one = _queries(client, project)

    for n in range(3):
        measure = a_measure(project, national_admin, f"Another measure {n}")
        measure.notes.create(period=MONDAY, text=f"Note {n}", created_by=national_admin)
    PDSACycleFactory(change_idea=ChangeIdeaFactory(project=project), decision="abandon")
    ProjectLearning.objects.filter(project=project).update(advice="Start small.")
    four = _queries(client, project)

    assert four == one
    assert one <= 30


def test_a_report_is_drawn_again_only_when_what_it_says_changed(
    client_for, national_admin, project, monkeypatch
):
    from reporting.project_reports import views

    drawn = []
    real = views.html_to_pdf
    monkeypatch.setattr(
        views, "html_to_pdf", lambda html, **kw: drawn.append(1) or real(html, **kw)
    )
    client = client_for(national_admin)
    url = reverse("reports:project_report", args=[project.pk])

    first = client.get(url).content
    assert client.get(url).content == first
    assert len(drawn) == 1

    Project.objects.filter(pk=project.pk).update(aim_how_much="30%")
    assert "by 30% by 31 March 2017" in pdf_text(client.get(url))
    assert len(drawn) == 2
