"""The programme results page: small multiples of each shared measure, the collaborative's chart
(Σ/Σ by period), progress scores by month, the change-package matrix, attendance and feedback;
read by every signed-in user, in a number of queries that does not grow with the teams."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import ChangeLink, PackageItem, SessionAttendance, SharedMeasure
from measurement.models import DataPoint, Measure, StandardMeasure
from projects.models import ProgressScore
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    LearningSessionFactory,
    MeasureFactory,
    PDSACycleFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db

FIRST_WEEK = date(2016, 7, 4)


def standard(**fields) -> StandardMeasure:
    values = {
        "name": "Patients screened for sepsis",
        "slug": "sepsis-screening",
        "kind": "process",
        "data_type": "proportion",
        "chart": "p",
        "rules": "mdc",
        "improvement": "increase",
        "unit": "%",
        "multiplier": 100,
    }
    values.update(fields)
    return StandardMeasure.objects.create(**values)


def team(programme, title, region_slug, shared, weeks, **member):
    """A member team with its measure of the shared standard and `weeks` of (numerator,
    denominator) from FIRST_WEEK."""
    project = ProjectFactory(title=title, lead_region=region(region_slug))
    ProgrammeMemberFactory(programme=programme, project=project, **member)
    measure = MeasureFactory(
        project=project,
        standard=shared,
        name=shared.name,
        data_type=shared.data_type,
        chart=shared.chart,
        rules=shared.rules,
        unit=shared.unit,
        multiplier=shared.multiplier,
        variation="special_cause_improvement",
    )
    DataPoint.objects.bulk_create(
        DataPoint(
            measure=measure,
            period=FIRST_WEEK + timedelta(weeks=i),
            numerator=n,
            denominator=d,
        )
        for i, (n, d) in enumerate(weeks)
    )
    return project


@pytest.fixture
def programme():
    programme = ProgrammeFactory(name="Sepsis collaborative", slug="sepsis")
    shared = standard()
    SharedMeasure.objects.create(programme=programme, standard=shared)
    team(programme, "Ward A", "wessex", shared, [(5, 10), (6, 10), (7, 10)])
    team(programme, "Ward B", "wessex", shared, [(10, 40), (20, 40)])
    team(programme, "Ward C", "oxford", shared, [(1, 50), (30, 50), (40, 50)])
    LearningSessionFactory(programme=programme, title="Launch", held_on=date(2016, 6, 15))
    LearningSessionFactory(programme=programme, title="Midpoint", held_on=date(2016, 9, 14))
    return programme


def _page(client_for, user, programme):
    response = client_for(user).get(reverse("learning:programme_results", args=[programme.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_signed_in_user_reads_the_results(client_for, programme, frontline_member):
    html = _page(client_for, frontline_member, programme)
    assert "Sepsis collaborative: results" in html


def test_anonymous_visitors_are_sent_to_sign_in(client, programme):
    response = client.get(reverse("learning:programme_results", args=[programme.slug]))
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_an_unknown_programme_is_a_404(client_for, frontline_member):
    response = client_for(frontline_member).get(
        reverse("learning:programme_results", args=["no-such-programme"])
    )
    assert response.status_code == 404


def test_each_team_has_a_small_multiple_with_its_icon_and_words(
    client_for, programme, national_viewer
):
    html = _page(client_for, national_viewer, programme)
    assert html.count('class="app-small-multiple"') == 3
    for n, title in enumerate(("Ward A", "Ward B", "Ward C"), start=1):
        assert (
            f'<title id="measure-1-team-{n}-title">Patients screened for sepsis at {title}</title>'
        ) in html
    text = _text(html[html.index("app-small-multiples") :])
    assert text.count("Variation: Special cause improvement") == 3  # each team's stored reading
    assert text.count("Led by Wessex") == 2 and text.count("Led by Oxford") == 1


def test_the_collaborative_chart_pools_numerators_over_denominators(
    client_for, programme, national_viewer
):
    html = _page(client_for, national_viewer, programme)
    assert 'class="app-collaborative-chart app-results-chart--wide"' in html
    table = html[html.index('id="measure-1-table"') :]
    table = _text(table[: table.index("</table>")])
    # Week 1: (5 + 10 + 1) / (10 + 40 + 50) = 16%; week 2: 56/100; week 3 (no Ward B): 47/60.
    assert "4 July 2016 3 16 100 16% " in table
    assert "11 July 2016 3 56 100 56% " in table
    assert f"18 July 2016 2 47 60 {47 / 60 * 100:.1f}% " in table


def test_the_collaborative_chart_marks_sessions_and_names_action_periods(
    client_for, programme, national_viewer
):
    html = _page(client_for, national_viewer, programme)
    chart = html[html.index('class="app-collaborative-chart app-results-chart--wide"') :]
    chart = chart[: chart.index("</svg>")]
    assert ">LS1<" in chart and ">LS2<" in chart
    assert "Action period 1" in chart or ">AP1<" in chart
    text = _text(html)
    assert "Action period 1 15 September 2016 to 31 March 2017" not in text  # the second is 2
    assert "Action period 1 16 June 2016 to 13 September 2016" in text
    assert "Action period 2 15 September 2016 to 31 March 2017" in text


def test_the_median_of_the_teams_for_counts(client_for, national_viewer):
    programme = ProgrammeFactory(slug="falls")
    counted = standard(
        name="Falls", slug="falls", data_type="count", chart="c", unit="", multiplier=1
    )
    SharedMeasure.objects.create(programme=programme, standard=counted)
    for title, values in (("One", [1, 4]), ("Two", [3, 6]), ("Three", [100])):
        project = ProjectFactory(title=title)
        ProgrammeMemberFactory(programme=programme, project=project)
        measure = MeasureFactory(project=project, standard=counted, data_type="count", chart="c")
        for i, value in enumerate(values):
            DataPoint.objects.create(
                measure=measure, period=FIRST_WEEK + timedelta(weeks=i), value=value
            )
    html = _page(client_for, national_viewer, programme)
    table = html[html.index('id="measure-1-table"') :]
    table = _text(table[: table.index("</table>")])
    assert "Median of the teams" in table
    assert "4 July 2016 3 3 " in table
    assert "11 July 2016 2 5 " in table


def test_progress_scores_are_counted_by_month(client_for, programme, national_viewer):
    ward_a, ward_b = (m.project for m in programme.members.order_by("id")[:2])
    ProgressScore.objects.create(project=ward_a, score=Decimal("2.0"), recorded_on=date(2016, 4, 5))
    ProgressScore.objects.create(project=ward_a, score=Decimal("3.0"), recorded_on=date(2016, 6, 1))
    ProgressScore.objects.create(project=ward_b, score=Decimal("2.0"), recorded_on=date(2016, 5, 9))
    html = _page(client_for, national_viewer, programme)
    assert 'class="app-progress-chart"' in html
    table = html[html.index('id="progress-table"') :]
    table = _text(table[: table.index("</table>")])
    assert "April 2016 2.0: 1 2 2.0 " in table
    assert "May 2016 2.0: 2 1 2.0 " in table
    assert "June 2016 3.0: 1; 2.0: 1 1 2.5 " in table
    assert "March 2017 3.0: 1; 2.0: 1 1 2.5 " in table


def test_the_change_package_matrix_reads_the_teams_pdsa_decisions(
    client_for, programme, national_viewer
):
    ward_a, ward_b, ward_c = (m.project for m in programme.members.order_by("id"))
    screening = ChangeEntryFactory(name="Screening tool at triage")
    bundle = ChangeEntryFactory(name="Sepsis six bundle")
    PackageItem.objects.create(programme=programme, entry=screening, position=1)
    PackageItem.objects.create(programme=programme, entry=bundle, position=2)

    def idea(project, entry, *cycles):
        change_idea = ChangeIdeaFactory(project=project)
        ChangeLink.objects.create(change_idea=change_idea, entry=entry)
        for status, decision, end in cycles:
            start = (end or date(2016, 8, 1)) - timedelta(days=14)
            PDSACycleFactory(change_idea=change_idea, status=status, decision=decision,
                             start_date=start, end_date=end)  # fmt: skip

    idea(ward_a, screening, ("complete", "adapt", date(2016, 7, 1)),
         ("complete", "adopt", date(2016, 8, 1)))  # fmt: skip
    idea(ward_b, screening, ("doing", "", None))
    idea(ward_c, screening, ("complete", "abandon", date(2016, 8, 1)))
    idea(ward_a, bundle)  # linked, no cycles yet
    html = _page(client_for, national_viewer, programme)
    matrix = html[html.index('id="package-matrix"') :]
    matrix = _text(matrix[: matrix.index("</table>")])
    assert "Ward A ● Implemented ○ Not started" in matrix
    assert "Ward B ◐ Testing ○ Not started" in matrix
    assert "Ward C ✕ Abandoned ○ Not started" in matrix
    assert "Of 3: 1 testing, 1 implemented, 1 abandoned" in matrix


def test_attendance_and_feedback_by_session(client_for, programme, national_viewer):
    launch = programme.sessions.get(title="Launch")
    ward_a, ward_b, _ = (m.project for m in programme.members.order_by("id"))
    ann, bob = UserFactory(), UserFactory()
    SessionAttendance.objects.create(session=launch, project=ward_a)
    SessionAttendance.objects.create(
        session=launch, project=ward_a, user=ann, feedback_score=9, contributed=True
    )
    SessionAttendance.objects.create(
        session=launch, project=ward_b, user=bob, feedback_score=6, contributed=False
    )
    html = _page(client_for, national_viewer, programme)
    table = html[html.index('id="session-table"') :]
    table = _text(table[: table.index("</table>")])
    assert "Launch 15 June 2016, in person 2 of 3 2 7.5 out of 10 (2 answers) 50% (2 answers)" in (
        table
    )
    assert "Midpoint 14 September 2016, in person 0 of 3 0 – –" in table


def _programme_with(teams: int):
    programme = ProgrammeFactory()
    shared = standard(slug=f"sepsis-{teams}")
    SharedMeasure.objects.create(programme=programme, standard=shared)
    entry = ChangeEntryFactory()
    PackageItem.objects.create(programme=programme, entry=entry)
    session = LearningSessionFactory(programme=programme)
    for n in range(teams):
        project = team(programme, f"Team {n}", ("wessex", "oxford")[n % 2], shared,
                       [(n, 10), (n + 1, 10)])  # fmt: skip
        ProgressScore.objects.create(project=project, score=Decimal("1.5"),
                                     recorded_on=date(2016, 5, 1))  # fmt: skip
        idea = ChangeIdeaFactory(project=project)
        ChangeLink.objects.create(change_idea=idea, entry=entry)
        PDSACycleFactory(change_idea=idea)
        SessionAttendance.objects.create(session=session, project=project, feedback_score=7)
    return programme


def test_the_queries_do_not_grow_with_the_teams(
    client_for, national_viewer, django_assert_max_num_queries
):
    client = client_for(national_viewer)
    small, large = _programme_with(3), _programme_with(9)
    url = reverse("learning:programme_results", args=[small.slug])
    client.get(url)  # the session and user, read once
    cache.clear()  # both drawn afresh, not one from the cache
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(reverse("learning:programme_results", args=[large.slug]))
    assert response.status_code == 200
    assert response.content.decode().count('class="app-small-multiple"') == 9


def test_the_charts_are_kept_until_a_teams_data_changes(client_for, programme, national_viewer):
    measure = Measure.objects.get(project__title="Ward B")
    _page(client_for, national_viewer, programme)
    DataPoint.objects.create(
        measure=measure, period=date(2016, 7, 18), numerator=40, denominator=40
    )
    # Its data_version not yet bumped (services bump it): the charts drawn before are kept.
    assert f"18 July 2016 2 47 60 {47 / 60 * 100:.1f}% " in _collaborative_table(
        _page(client_for, national_viewer, programme)
    )
    Measure.objects.filter(pk=measure.pk).update(data_version=F("data_version") + 1)
    assert "18 July 2016 3 87 100 87% " in _collaborative_table(
        _page(client_for, national_viewer, programme)
    )


def _collaborative_table(html: str) -> str:
    table = html[html.index('id="measure-1-table"') :]
    return _text(table[: table.index("</table>")])


@pytest.mark.parametrize(
    "role", ["national_viewer", "wessex_lead", "oxford_lead", "frontline_member", "national_admin"]
)
def test_every_role_reads_the_page_and_none_can_post_to_it(client_for, programme, role, request):
    client = client_for(request.getfixturevalue(role))
    url = reverse("learning:programme_results", args=[programme.slug])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "Changed"}).status_code == 405
    programme.refresh_from_db()
    assert programme.name == "Sepsis collaborative"


def test_the_collaborative_stops_at_the_programmes_end_though_a_team_goes_on(
    client_for, programme, national_viewer
):
    measure = Measure.objects.get(project__title="Ward A")
    DataPoint.objects.create(measure=measure, period=date(2017, 4, 3), numerator=9, denominator=10)
    html = _page(client_for, national_viewer, programme)
    assert "3 April 2017" not in _collaborative_table(html)
    assert "3 April 2017 90%" in _text(html[html.index("app-small-multiples") :])
