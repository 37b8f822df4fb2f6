"""A board pack's state in words, when the page keeps asking, and the form's quarters: plain
functions over unsaved packs and dates (no database)."""

from datetime import UTC, date, datetime, timedelta

from reporting.board_packs.forms import latest_ended, quarter_choices
from reporting.board_packs.status import status
from reporting.models import BoardPack

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def pack(**fields) -> BoardPack:
    return BoardPack(financial_year="2016-17", quarter=3, **{"requested_at": NOW, **fields})


def test_a_pack_being_made_says_its_step_and_is_followed():
    shown = status(pack(state="running", started_at=NOW, progress=40, step="Reading"), NOW)
    assert shown["words"] == "Being made: Reading (40% done)."
    assert shown["polling"] and shown["progress"] == 40
    assert not shown["may_download"] and not shown["may_try_again"]


def test_a_pack_running_past_the_time_limit_is_failed_and_not_followed():
    started = NOW - timedelta(seconds=601)
    shown = status(pack(state="running", started_at=started, progress=65), NOW)
    assert shown["tag"]["text"] == "Failed"
    assert not shown["polling"] and shown["may_try_again"]
    assert "did not finish within 10 minutes" in shown["words"]
    assert status(pack(state="running", started_at=NOW - timedelta(seconds=590)), NOW)["polling"]


def test_a_waiting_pack_is_followed_until_it_has_waited_too_long():
    assert status(pack(state="queued"), NOW)["polling"]
    waited = pack(state="queued", requested_at=NOW - timedelta(minutes=3))
    shown = status(waited, NOW)
    assert not shown["polling"] and shown["may_try_again"]
    assert "the task queue may not be answering" in shown["words"]


def test_a_ready_pack_offers_its_download_and_a_failed_one_its_error():
    ready = status(pack(state="done", progress=100, finished_at=NOW), NOW)
    assert ready["may_download"] and not ready["polling"] and ready["progress"] is None
    failed = status(pack(state="failed", error="It took too long."), NOW)
    assert failed["words"] == "It could not be made. It took too long."
    assert failed["may_try_again"] and not failed["may_download"]


def test_the_quarters_offered_run_from_the_first_year_with_figures_to_today_newest_first():
    choices = quarter_choices(["2016-17", "2017-18"], date(2017, 8, 1))
    assert [value for value, _ in choices] == [
        "2017-18:2",
        "2017-18:1",
        *(f"2016-17:{q}" for q in (4, 3, 2, 1)),
    ]
    assert choices[0][1] == "Q2 2017/18 (July to September 2017)"


def test_the_quarter_chosen_at_first_is_the_latest_that_has_ended():
    assert latest_ended(date(2026, 12, 4)) == "2026-27:2"
    assert latest_ended(date(2026, 5, 1)) == "2025-26:4"
