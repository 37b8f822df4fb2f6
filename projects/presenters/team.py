"""The project team page in words: the people a search found, and what is known of each."""

from projects.models import ProjectRole
from regions.models import NationalRole, User


def known_as(user: User) -> str:
    """What the service knows of where someone works: 'Lead of Wessex and Oxford',
    'National admin', or nothing (the service records no employer)."""
    parts = []
    if user.national_role != NationalRole.NONE:
        parts.append(user.get_national_role_display())
    regions = [region.name for region in user.led_regions.all()]
    if regions:
        parts.append("Lead of " + " and ".join(regions))
    return "; ".join(parts)


def person_rows(people: list[User]) -> list[dict]:
    return [
        {
            "pk": user.pk,
            "name": user.get_full_name() or user.username,
            "username": user.username,
            "email": user.email,
            "known_as": known_as(user),
        }
        for user in people
    ]


def search_summary(count: int, more: bool, text: str) -> str:
    if not text.strip():
        return ""
    if more:
        return f"The first {count} people matching “{text}”: type more to narrow it"
    if count == 0:
        return f"No one who is not on the team yet matches “{text}”"
    return f"{count} {'person matches' if count == 1 else 'people match'} “{text}”"


def role_items() -> list[dict]:
    """The role choices of each search result's Add form, team member first."""
    roles = sorted(ProjectRole.choices, key=lambda choice: choice[0] != ProjectRole.MEMBER)
    return [
        {"value": value, "text": label, "selected": value == ProjectRole.MEMBER}
        for value, label in roles
    ]
