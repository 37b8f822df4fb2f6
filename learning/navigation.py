"""The links between a programme's pages, shown on each of them.

Each part of the learning system adds its own programme page (results, change package, spread);
a tab is offered only once its URL name exists, so a page never links to one not yet built.
"""

from django.urls import NoReverseMatch, reverse

PROGRAMME_PAGES = [
    ("programme_detail", "Overview"),
    ("programme_results", "Results"),
    ("programme_package", "Change package"),
    ("programme_spread", "Spread"),
]


def programme_tabs(programme, current: str) -> list[dict]:
    """[{text, href, current}] for the programme's pages that exist; `current` is the URL name
    (without the namespace) of the page shown."""
    tabs = []
    for name, text in PROGRAMME_PAGES:
        try:
            href = reverse(f"learning:{name}", args=[programme.slug])
        except NoReverseMatch:
            continue
        tabs.append({"text": text, "href": href, "current": name == current})
    return tabs
