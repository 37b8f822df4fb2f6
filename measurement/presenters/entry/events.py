"""Rare events: a measure's dated events, newest first, and the days since the last one."""

from core.wording import long_date, plural
from measurement.models import Measure


def events_context(measure: Measure, days_since: int | None, editable: bool) -> dict:
    events = list(measure.events.select_related("recorded_by").order_by("-date"))
    counted = measure.chart == "g"
    return {
        "measure": measure,
        "project": measure.project,
        "editable": editable,
        "counted": counted,
        "days_text": plural(days_since, "day") if days_since is not None else "",
        "last_text": f"The last event was on {long_date(events[0].date)}." if events else "",
        "events": [
            {
                "date": long_date(e.date),
                "iso": e.date.isoformat(),
                "opportunities": f"{e.opportunities_since_previous:,}"
                if e.opportunities_since_previous is not None
                else "–",
                "recorded_by": (e.recorded_by.get_full_name() or e.recorded_by.username)
                if e.recorded_by
                else "–",
            }
            for e in events
        ],
    }
