"""When the figures were last computed, and how a full refresh is going."""

from django.utils import timezone

from core.wording import long_date
from reporting.rollups.read import is_running


def moment(when) -> str:
    """'2:31pm on 26 November 2026' (local time)."""
    local = timezone.localtime(when)
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'} on {long_date(local)}"


def refreshed_sentence(run) -> str:
    if run is None:
        return "The figures have not been computed yet."
    return f"Figures last refreshed at {moment(run.finished_at)}."


def refresh_progress(run, *, show_error: bool) -> dict:
    """The latest full refresh in words, and whether to keep asking how it is going."""
    if run is None:
        return {"text": "No full refresh has run yet.", "running": False, "error": ""}
    done = f"{run.scopes_done:,} of {run.scopes_total:,} scopes"
    if run.error:
        return {
            "text": f"The full refresh started at {moment(run.started_at)} stopped with an "
            f"error after {done}.",
            "running": False,
            "error": run.error if show_error else "",
        }
    if run.finished_at is None and not is_running(run):
        return {
            "text": f"The full refresh started at {moment(run.started_at)} stopped after {done}: "
            "the worker running it has not been heard from since "
            f"{moment(run.heartbeat_at)}. Start it again below.",
            "running": False,
            "error": "",
        }
    if run.finished_at is None:
        return {
            "text": f"Refreshing: {done} done. Started at {moment(run.started_at)}.",
            "running": True,
            "error": "",
        }
    return {
        "text": f"The last full refresh finished at {moment(run.finished_at)} ({done}).",
        "running": False,
        "error": "",
    }
