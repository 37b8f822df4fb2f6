"""The regional board pack: asked for on the region's page, made by the task (eager here), its
progress shown and polled, kept and downloaded as a PDF whose text says what it should; who may
ask and download; and a broker that refuses leaves the pack waiting, not a 500."""

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from measurement.models import DataPoint
from psc.celery import app
from reporting.models import BoardPack, RollupFigure
from reporting.rollups.service import record_new_versions
from tests.factories import MeasureFactory, ProjectFactory, StoryFactory, region

YEAR, QUARTER = "2016-17", 3
PERIOD = "Q3 2016/17 (October to December 2016)"


def pages_of(slug: str) -> str:
    return reverse("dashboards:board_packs", args=[slug])


def store(scope: str, year: str, quarter: int, metrics: dict) -> None:
    RollupFigure.objects.bulk_create(
        RollupFigure(scope=scope, financial_year=year, quarter=quarter, metric=m, value=v)
        for m, v in metrics.items()
    )
    record_new_versions(year, {scope})


def weekly(measure, start: date, values: list[float]) -> None:
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=start + timedelta(weeks=n), value=value)
        for n, value in enumerate(values)
    )


@pytest.fixture
def wessex_quarter(db):
    """Wessex's Q3 2016/17: figures for it and a year before; a project whose measure shifts
    upwards from October; a project whose story was published in November; a quiet one."""
    wessex = region("wessex")
    store("wessex", YEAR, QUARTER, {"staff_trained.total": 1234, "projects_started": 17})
    store("wessex", "2015-16", QUARTER, {"staff_trained.total": 987, "projects_started": 9})
    store("national", YEAR, 0, {"staff_trained.total": 10150})  # a year with figures
    falls = ProjectFactory(title="Falls on ward 7", lead_region=wessex, aim_what="Falls with harm")
    measure = MeasureFactory(project=falls, name="Falls assessments done", improvement="increase")
    # 16 weeks around 10 from June, then 10 weeks around 20 from 3 October 2016.
    weekly(measure, date(2016, 6, 13), [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 11, 10, 9, 11, 10, 9])
    weekly(measure, date(2016, 10, 3), [20, 21, 19, 22, 20, 21, 19, 20, 22, 21])
    MeasureFactory(project=falls, name="Harm from falls", variation="special_cause_concern")
    sepsis = ProjectFactory(title="Sepsis screening", lead_region=wessex)
    StoryFactory(
        project=sepsis,
        published=True,
        first_published_at=timezone.make_aware(timezone.datetime(2016, 11, 15, 12)),
    )
    ProjectFactory(title="A quiet project", lead_region=wessex)
    ProjectFactory(title="Oxford's own", lead_region=region("oxford"))
    return wessex


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def ask(client, slug: str, capture, **data):
    with capture(execute=True):
        return client.post(pages_of(slug), {"period": f"{YEAR}:{QUARTER}", **data})


def test_a_lead_asks_for_a_pack_and_downloads_it_with_the_quarter_in_it(
    client_for, wessex_lead, wessex_quarter, django_capture_on_commit_callbacks
):
    client = client_for(wessex_lead)
    asked = ask(client, "wessex", django_capture_on_commit_callbacks)
    assert asked.status_code == 302
    pack = BoardPack.objects.get()
    assert (pack.state, pack.progress, pack.requested_by) == ("done", 100, wessex_lead)

    page = client.get(pages_of("wessex")).content.decode()
    assert PERIOD in page and "Download board pack (PDF)" in page
    assert 'hx-trigger="every 2s"' not in page  # nothing left to follow

    download = client.get(reverse("dashboards:board_pack_download", args=["wessex", pack.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "board-pack-wessex-2016-17-q3.pdf" in download["Content-Disposition"]
    text = pdf_text(download.content)
    assert "Wessex" in text and PERIOD in text
    assert "Q3 2015/16 (October to December 2015)" in text  # the year before, beside it
    assert re.search(r"People trained 1,234 987", text)
    assert re.search(r"QI projects started 17 9", text)
    # The measure of concern in the table, the new shift among the signals.
    assert "Harm from falls" in text
    assert "a shift upwards (special cause improvement)" in text
    # By default: the projects with new signals or a story published in the quarter.
    assert "Highlighted project Falls on ward 7" in text
    assert "Highlighted project Sepsis screening" in text
    assert "A quiet project" not in text and "Oxford's own" not in text
    assert "Improve falls with harm." in text  # its aim
    # Each measure's chart in words with its icons' words, as the chart reads now.
    assert "Falls assessments done Variation: Special cause improvement." in text
    assert "The chart shows 26 weeks, 13 June to 5 December 2016." in text


def test_the_regional_dashboard_links_to_its_board_packs(client_for, wessex_lead, db):
    page = client_for(wessex_lead).get(reverse("dashboards:region", args=["wessex"]))
    assert f'href="{pages_of("wessex")}"' in page.content.decode()


def test_the_page_costs_the_same_few_queries_however_many_packs(
    client_for, wessex_lead, db, django_assert_max_num_queries
):
    for quarter in (1, 2, 3, 4):
        BoardPack.objects.create(
            region=region("wessex"), financial_year=YEAR, quarter=quarter, requested_by=wessex_lead
        )
    client = client_for(wessex_lead)
    with django_assert_max_num_queries(8):
        page = client.get(pages_of("wessex"))
    assert page.content.decode().count("Waiting to start.") == 4


def test_the_projects_chosen_on_the_form_get_the_pages(
    client_for, national_viewer, wessex_quarter, django_capture_on_commit_callbacks
):
    quiet = wessex_quarter.led_projects.get(title="A quiet project")
    client = client_for(national_viewer)
    ask(client, "wessex", django_capture_on_commit_callbacks, projects=[quiet.pk])
    pack = BoardPack.objects.get()
    assert pack.state == "done"
    text = pdf_text(bytes(pack.pdf))
    assert "Highlighted project A quiet project" in text
    assert "Highlighted project Falls on ward 7" not in text


def test_a_quarter_without_news_says_that_no_project_is_highlighted(
    client_for, wessex_lead, wessex_quarter, django_capture_on_commit_callbacks
):
    client = client_for(wessex_lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pages_of("wessex"), {"period": f"{YEAR}:4"})
    text = pdf_text(bytes(BoardPack.objects.get().pdf))
    assert "Q4 2016/17 (January to March 2017)" in text
    assert "No project of the region showed a new signal or had its story published" in text
    assert "Highlighted project Falls" not in text and "Highlighted project Sepsis" not in text


def test_more_than_five_projects_is_refused_on_the_form(client_for, wessex_lead, wessex_quarter):
    many = [ProjectFactory(lead_region=wessex_quarter).pk for _ in range(6)]
    refused = client_for(wessex_lead).post(
        pages_of("wessex"), {"period": f"{YEAR}:{QUARTER}", "projects": many}
    )
    assert refused.status_code == 400
    assert "Choose up to 5 projects to highlight (you chose 6)." in refused.content.decode()
    assert not BoardPack.objects.exists()


@pytest.mark.parametrize("who", ["oxford_lead", "frontline_member"])
def test_others_may_neither_ask_for_nor_download_a_regions_pack(
    request, client_for, who, wessex_quarter, wessex_lead
):
    pack = BoardPack.objects.create(
        region=wessex_quarter, financial_year=YEAR, quarter=QUARTER, state="done", pdf=b"%PDF-"
    )
    client = client_for(request.getfixturevalue(who))
    assert client.get(pages_of("wessex")).status_code == 403
    assert client.post(pages_of("wessex"), {"period": f"{YEAR}:{QUARTER}"}).status_code == 403
    download = reverse("dashboards:board_pack_download", args=["wessex", pack.pk])
    assert client.get(download).status_code == 403
    status = reverse("dashboards:board_pack_status", args=["wessex", pack.pk])
    assert client.get(status).status_code == 403
    assert BoardPack.objects.count() == 1


def test_a_pack_of_another_region_is_not_found_through_this_one(client_for, wessex_lead, db):
    pack = BoardPack.objects.create(
        region=region("oxford"), financial_year=YEAR, quarter=QUARTER, state="done", pdf=b"%PDF-"
    )
    client = client_for(wessex_lead)
    download = reverse("dashboards:board_pack_download", args=["wessex", pack.pk])
    assert client.get(download).status_code == 404


def status_of(client, pack) -> str:
    answer = client.get(reverse("dashboards:board_pack_status", args=["wessex", pack.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_progress_fragment_polls_while_running_and_stops_when_done(client_for, wessex_lead, db):
    pack = BoardPack.objects.create(
        region=region("wessex"),
        financial_year=YEAR,
        quarter=QUARTER,
        state="running",
        started_at=timezone.now(),
        progress=40,
        step="Finding the quarter's new signals",
    )
    client = client_for(wessex_lead)
    running = status_of(client, pack)
    assert 'hx-trigger="every 2s"' in running
    assert "Being made: Finding the quarter&#39;s new signals (40% done)." in running
    assert '<progress max="100" value="40"' in running
    assert "Download board pack" not in running

    BoardPack.objects.filter(pk=pack.pk).update(
        state="done", progress=100, finished_at=timezone.now(), pdf=b"%PDF-"
    )
    done = status_of(client, pack)
    assert 'hx-trigger="every 2s"' not in done
    assert "Ready: made at" in done and "Download board pack (PDF)" in done


def test_a_failed_pack_says_why_and_can_be_tried_again(
    client_for, wessex_lead, wessex_quarter, django_capture_on_commit_callbacks
):
    pack = BoardPack.objects.create(
        region=wessex_quarter,
        financial_year=YEAR,
        quarter=QUARTER,
        state="failed",
        requested_by=wessex_lead,
        error="Something went wrong while making it (KeyError).",
    )
    client = client_for(wessex_lead)
    failed = status_of(client, pack)
    assert "It could not be made. Something went wrong while making it (KeyError)." in failed
    assert "Try again" in failed and 'hx-trigger="every 2s"' not in failed
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("dashboards:board_pack_try_again", args=["wessex", pack.pk]))
    assert again.status_code == 302
    pack.refresh_from_db()
    assert (pack.state, pack.error) == ("done", "")


def test_a_pack_running_longer_than_the_task_may_is_shown_as_failed(client_for, wessex_lead, db):
    pack = BoardPack.objects.create(
        region=region("wessex"),
        financial_year=YEAR,
        quarter=QUARTER,
        state="running",
        started_at=timezone.now() - timedelta(minutes=11),
        progress=65,
    )
    stuck = status_of(client_for(wessex_lead), pack)
    assert "Failed" in stuck and "did not finish within 10 minutes" in stuck
    assert "Try again" in stuck and 'hx-trigger="every 2s"' not in stuck


def test_a_task_that_fails_leaves_the_error_in_words(wessex_lead, wessex_quarter, monkeypatch):
    from reporting.board_packs import document, service

    def broken(*args, **kwargs):
        raise KeyError("no such figure")

    monkeypatch.setattr(document, "pdf", broken)
    pack = BoardPack.objects.create(
        region=wessex_quarter, financial_year=YEAR, quarter=QUARTER, requested_by=wessex_lead
    )
    service.board_pack_make(pack.pk)
    pack.refresh_from_db()
    assert pack.state == "failed" and pack.pdf is None
    assert pack.error == "Something went wrong while making it (KeyError)."


@pytest.fixture
def broker_refuses():
    """Tasks sent to a broker that refuses connections (nothing listens on port 1)."""
    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    app._pool, app.amqp._producer_pool = None, None
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, broker
        app._pool, app.amqp._producer_pool = None, None


def test_with_the_broker_down_the_request_succeeds_and_the_pack_waits(
    client_for, wessex_lead, wessex_quarter, broker_refuses, django_capture_on_commit_callbacks
):
    client = client_for(wessex_lead)
    asked = ask(client, "wessex", django_capture_on_commit_callbacks)
    assert asked.status_code == 302
    pack = BoardPack.objects.get()
    assert (pack.state, pack.progress, pack.pdf) == ("queued", 0, None)
    page = client.get(pages_of("wessex")).content.decode()
    assert "Waiting to start" in page and 'hx-trigger="every 2s"' in page
    # Still waiting minutes later: the page offers to send it again.
    BoardPack.objects.update(requested_at=timezone.now() - timedelta(minutes=5))
    assert "the task queue may not be answering" in status_of(client, pack)


def test_the_sweep_sends_again_a_pack_left_waiting_by_a_broker_outage(wessex_lead, wessex_quarter):
    from reporting import tasks

    now = timezone.now()
    lost = BoardPack.objects.create(
        region=wessex_quarter,
        financial_year=YEAR,
        quarter=QUARTER,
        requested_by=wessex_lead,
        requested_at=now - timedelta(minutes=5),
    )
    just_asked = BoardPack.objects.create(
        region=wessex_quarter, financial_year=YEAR, quarter=4, requested_by=wessex_lead
    )
    tasks.report_board_packs_waiting()  # as the beat sends it (eager here)
    lost.refresh_from_db()
    just_asked.refresh_from_db()
    assert lost.state == "done" and bytes(lost.pdf)[:5] == b"%PDF-"
    assert just_asked.state == "queued"  # its own message may still be on its way


def test_the_sweep_and_the_pack_run_on_the_reports_queue(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["board-packs-waiting-sweep"]
    for name in (entry["task"], "reporting.tasks.report_board_pack"):
        assert name in app.tasks
        assert app.amqp.router.route({}, name)["queue"].name == "reports"
