"""Finding people by name or email address (to add them to a team). Callers pass the people the
access policy lets them name (`access.people_nameable_by`)."""

from django.db.models import Q, QuerySet

from regions.models import User

SEARCH_LIMIT = 20
MOST_WORDS = 5  # "ann", "ann smith", "smith@nhs"; more words only narrow what is already few


def search_people(
    people: QuerySet[User], text: str, limit: int = SEARCH_LIMIT
) -> tuple[list[User], bool]:
    """Up to `limit` of `people` whose first name, last name, username or email address
    contains every word of `text` in any case, with the regions they lead; and whether more
    matched."""
    words = text.split()[:MOST_WORDS]
    if not words:
        return [], False
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    found = list(
        people.prefetch_related("led_regions").order_by("last_name", "first_name", "id")[
            : limit + 1
        ]
    )
    return found[:limit], len(found) > limit
