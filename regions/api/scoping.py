"""Activity records the user may read, through the access policy's regions.

Every signed-in user may read every region's records (as on the pages, see
regions/activity/selectors.py); this adds the all-regions list the API needs.
"""

from django.db.models import QuerySet

from regions import access
from regions.activity.kinds import Kind
from regions.models import User


def activity_visible_to(user: User, kind: Kind) -> QuerySet:
    records = kind.model.objects.filter(region__in=access.regions_visible_to(user))
    related = ["region", "organisation"] if "organisation" in kind.fields else ["region"]
    return records.select_related(*related)
