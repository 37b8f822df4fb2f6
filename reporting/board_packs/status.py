"""A board pack's state and progress in words for its page, and whether the page should keep
asking. A pack 'being made' for longer than the task may run died with its worker: it is
shown as failed and may be tried again."""

from datetime import datetime, timedelta

from reporting.models import BoardPack
from reporting.presenters import moment

# The task's hard time limit (reporting/tasks.py); a pack running longer than this is stuck.
TIME_LIMIT_SECONDS = 600
# A pack still waiting this long after it was asked for was probably not sent (a broker
# outage): the page says so and offers to try again.
WAITING_SECONDS = 120

State = BoardPack.State
TAGS = {
    State.QUEUED: ("Waiting to start", "nhsuk-tag--grey"),
    State.RUNNING: ("Being made", "nhsuk-tag--blue"),
    State.DONE: ("Ready", "nhsuk-tag--green"),
    State.FAILED: ("Failed", "nhsuk-tag--red"),
}


def is_stuck(pack: BoardPack, now: datetime) -> bool:
    started = pack.started_at or pack.requested_at
    return pack.state == State.RUNNING and started < now - timedelta(seconds=TIME_LIMIT_SECONDS)


def shown_state(pack: BoardPack, now: datetime) -> str:
    return State.FAILED if is_stuck(pack, now) else pack.state


def is_waiting_long(pack: BoardPack, now: datetime) -> bool:
    return pack.state == State.QUEUED and pack.requested_at < now - timedelta(
        seconds=WAITING_SECONDS
    )


def may_try_again(pack: BoardPack, now: datetime) -> bool:
    return shown_state(pack, now) == State.FAILED or is_waiting_long(pack, now)


def _words(pack: BoardPack, now: datetime) -> str:
    if is_stuck(pack, now):
        minutes = TIME_LIMIT_SECONDS // 60
        return (
            f"It stopped: the worker making it did not finish within {minutes} minutes. Try again."
        )
    if pack.state == State.FAILED:
        return f"It could not be made. {pack.error}".strip()
    if pack.state == State.DONE:
        return f"Ready: made at {moment(pack.finished_at)}."
    if pack.state == State.RUNNING:
        return f"Being made: {pack.step or 'starting'} ({pack.progress}% done)."
    if is_waiting_long(pack, now):
        return (
            "Not started yet: the task queue may not be answering. It starts when the queue "
            "takes it, or you can try again."
        )
    return "Waiting to start."


def status(pack: BoardPack, now: datetime) -> dict:
    """What the page shows of one pack."""
    state = shown_state(pack, now)
    text, classes = TAGS[state]
    return {
        "tag": {"text": text, "classes": classes},
        "words": _words(pack, now),
        "progress": pack.progress if state in (State.QUEUED, State.RUNNING) else None,
        "polling": state in (State.QUEUED, State.RUNNING) and not is_waiting_long(pack, now),
        "may_download": state == State.DONE,
        "may_try_again": may_try_again(pack, now),
    }
