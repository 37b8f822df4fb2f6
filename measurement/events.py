"""What measurement announces when its stored readings change, for the apps above it (reporting
marks the national figures stale). Measurement never imports its listeners.

New data points are not announced: they change the figures only through the readings, which the
refresh stores and announces here (a measure whose data changed is stale until then, and the
rollups refresh stale measures before they count). So a write of 10,000 points holds no lock on
the rollups' marks. Sent inside the refresh's transaction, so a listener's pending marks commit
or roll back with the readings. Bulk writes skip Django's model signals, hence a signal of its
own.
"""

from django.dispatch import Signal

# A refresh stored new quarter readings (or a new harm-avoided estimate, counted in the latest
# year). `years_by_region`: {region slug: {financial year}}.
quarter_readings_changed = Signal()


def announce_quarter_readings(years_by_region: dict) -> None:
    changed = {region: years for region, years in years_by_region.items() if years}
    if changed:
        quarter_readings_changed.send(sender=None, years_by_region=changed)
