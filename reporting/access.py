"""The access policy for the national figures: who sees which scope's dashboard and figures,
and who may rebuild them (docs/access-policy.md).

Every signed-in user sees England's figures. National users (viewers and admins) see every
region's; a regional lead sees the regions they lead. Only national admins start a full refresh.
"""

from django.db.models import QuerySet

from regions.access import regions_visible_to
from regions.models import Region, User
from regions.roles import is_national, is_national_admin, leads_region, led_region_ids
from reporting.models import BoardPack


def sees_every_region(user: User) -> bool:
    return is_national(user) or is_national_admin(user)


def regions_with_figures_visible_to(user: User) -> QuerySet[Region]:
    """The regions whose own figures this user may see: all for national users, else those led."""
    regions = regions_visible_to(user)
    if not sees_every_region(user):
        regions = regions.filter(id__in=led_region_ids(user))
    return regions.order_by("name")


def can_see_region_figures(user: User, region: Region) -> bool:
    return sees_every_region(user) or leads_region(user, region)


def can_refresh_figures(user: User) -> bool:
    return is_national_admin(user)


def can_make_board_pack(user: User, region: Region) -> bool:
    """A region's board packs: made and downloaded by its leads and national users."""
    return can_see_region_figures(user, region)


def board_packs_visible_to(user: User, region: Region) -> QuerySet[BoardPack]:
    if not can_make_board_pack(user, region):
        return BoardPack.objects.none()
    return BoardPack.objects.filter(region=region)
