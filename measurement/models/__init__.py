from measurement.models.choices import (
    Chart,
    DataType,
    Frequency,
    Improvement,
    MeasureKind,
    RuleSet,
)
from measurement.models.data import DataPoint, Event, Rebase
from measurement.models.measure import Measure, StandardMeasure
from measurement.models.notifications import Notification, SeenSignal
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
    "QuarterState",
    "Rebase",
    "RuleSet",
    "SeenSignal",
    "StandardMeasure",
]
