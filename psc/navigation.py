"""The header's navigation: the service's sections, in the order people look for them.

A section appears once its page exists (its URL name resolves), so the menu never links to nothing.
"""

from django.urls import NoReverseMatch, reverse

SECTIONS = [
    ("Projects", "projects:portfolio"),
    ("Measures", "measurement:my_measures"),
    ("Programmes", "learning:programme_list"),
    ("Changes", "learning:change_list"),
    ("Dashboard", "dashboards:national"),
    ("Regions", "regions:list"),
    ("Organisations", "regions:organisation_list"),
    ("API", "api-docs"),
]


def primary_navigation(request) -> list[dict]:
    items = []
    for text, url_name in SECTIONS:
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"text": text, "href": href, "active": request.path.startswith(href)})
    return items
