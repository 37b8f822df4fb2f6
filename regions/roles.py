"""Who someone is to the service: national (viewer or admin), regional lead of some regions. Every
app's access policy builds on these; project team membership is the projects app's to answer."""

from regions.models import NationalRole, Region, User


def is_national(user: User) -> bool:
    return user.is_authenticated and user.national_role in (NationalRole.VIEWER, NationalRole.ADMIN)


def is_national_admin(user: User) -> bool:
    return user.is_authenticated and (user.national_role == NationalRole.ADMIN or user.is_superuser)


def led_region_ids(user: User) -> set[int]:
    """The regions this user leads, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_led_region_ids"):
        user._led_region_ids = set(user.led_regions.values_list("id", flat=True))
    return user._led_region_ids


def leads_region(user: User, region: Region) -> bool:
    return region.pk in led_region_ids(user)
