"""What measurement announces when its stored data or readings change, for the apps above it
(reporting marks the national figures stale). Measurement never imports its listeners.

Both are sent inside the writing transaction, so a listener's own writes (pending marks) commit
or roll back with the change. Bulk writes skip Django's model signals, hence these.
"""

from django.dispatch import Signal

# A batch of data points changed. `earliest_by_region`: {region slug: the earliest period
# changed among that region's measures}; figures of every year from there to today may move.
data_points_changed = Signal()

# A refresh stored new quarter readings. `years_by_region`: {region slug: {financial year}}.
quarter_readings_changed = Signal()


def announce_data_points(earliest_by_region: dict) -> None:
    if earliest_by_region:
        data_points_changed.send(sender=None, earliest_by_region=earliest_by_region)


def announce_quarter_readings(years_by_region: dict) -> None:
    changed = {region: years for region, years in years_by_region.items() if years}
    if changed:
        quarter_readings_changed.send(sender=None, years_by_region=changed)
