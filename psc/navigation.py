"""The header's navigation: the service's sections, in the order people look for them.

A section appears once its page exists (its URL name resolves), so the menu never links to nothing.
"""

from django.urls import NoReverseMatch, reverse

SECTIONS = [
    ("Projects", "projects:portfolio"),
    ("Measures", "measurement:my_measures"),
    ("Programmes", "learning:programme_list"),
    ("Changes", "learning:change_list"),
    ("Improvement stories", "learning:archive"),
    ("Dashboard", "dashboards:national"),
    ("Regions", "regions:list"),
    ("Organisations", "regions:organisation_list"),
    ("API", "api-docs"),
]


# What someone who has not signed in may open.
PUBLIC_SECTIONS = {"learning:archive"}


def primary_navigation(request) -> list[dict]:
    items = []
    # A page drawn before authentication (the sign-in pause) has no user: it reads as signed out.
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    for text, url_name in SECTIONS:
        if not signed_in and url_name not in PUBLIC_SECTIONS:
            continue
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"text": text, "href": href, "active": request.path.startswith(href)})
    return items
