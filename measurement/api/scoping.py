"""Measurement rows a user may see, derived from the access policy's measures."""

from django.db.models import QuerySet

from measurement.models import DataPoint, Measure, StandardMeasure
from regions import access
from regions.models import User


def data_points_visible_to(user: User) -> QuerySet[DataPoint]:
    return DataPoint.objects.filter(measure__in=access.measures_visible_to(user))


def standards_for(user: User) -> QuerySet[StandardMeasure]:
    """The national measure library: readable by anyone signed in."""
    if not user.is_authenticated:
        return StandardMeasure.objects.none()
    return StandardMeasure.objects.all()


def has_data(measure: Measure) -> bool:
    return measure.data_points.exists() or measure.events.exists()
