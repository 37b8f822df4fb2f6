from measurement.models.choices import (
    Chart,
    DataType,
    Frequency,
    Improvement,
    MeasureKind,
    RuleSet,
)
from measurement.models.data import DataPoint, Event, PointNote, Rebase
from measurement.models.measure import Measure, StandardMeasure
from measurement.models.notifications import (
    Notification,
    NotificationKind,
    NotificationSettings,
    SeenSignal,
    TeamReminder,
)
from measurement.models.readings import QuarterState

__all__ = [
    "Chart",
    "DataPoint",
    "DataType",
    "Event",
    "Frequency",
    "Improvement",
    "Measure",
    "MeasureKind",
    "Notification",
    "NotificationKind",
    "NotificationSettings",
    "PointNote",
    "QuarterState",
    "Rebase",
    "RuleSet",
    "SeenSignal",
    "StandardMeasure",
    "TeamReminder",
]
