"""programme_tabs offers the programme pages whose URLs exist, with the one shown marked."""

import pytest
from django.urls import NoReverseMatch, reverse

from learning.navigation import PROGRAMME_PAGES, programme_tabs
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _exists(name: str, slug: str) -> bool:
    try:
        reverse(f"learning:{name}", args=[slug])
    except NoReverseMatch:
        return False
    return True


def test_the_overview_comes_first_and_is_marked_current():
    programme = ProgrammeFactory(slug="falls")
    tabs = programme_tabs(programme, "programme_detail")
    assert tabs[0] == {"text": "Overview", "href": "/programmes/falls/", "current": True}
    assert [tab["current"] for tab in tabs[1:]] == [False] * (len(tabs) - 1)


def test_only_pages_that_exist_are_offered():
    programme = ProgrammeFactory(slug="falls")
    offered = [tab["text"] for tab in programme_tabs(programme, "programme_detail")]
    expected = [text for name, text in PROGRAMME_PAGES if _exists(name, "falls")]
    assert offered == expected


def test_a_page_not_yet_built_is_skipped(monkeypatch):
    programme = ProgrammeFactory(slug="falls")
    monkeypatch.setattr(
        "learning.navigation.PROGRAMME_PAGES",
        [("programme_detail", "Overview"), ("programme_not_built", "Nowhere")],
    )
    assert [tab["text"] for tab in programme_tabs(programme, "programme_not_built")] == ["Overview"]


def test_the_overview_page_shows_the_tabs_with_aria_current(client_for, frontline_member):
    programme = ProgrammeFactory(slug="falls")
    page = client_for(frontline_member).get("/programmes/falls/").content.decode()
    if len(programme_tabs(programme, "programme_detail")) > 1:
        assert '<a href="/programmes/falls/" aria-current="page">' in page
    else:
        assert 'aria-label="Programme pages"' not in page


def test_the_partial_marks_the_current_page_and_links_the_others():
    from django.template.loader import render_to_string

    html = render_to_string(
        "learning/_programme_nav.jinja",
        {
            "tabs": [
                {"text": "Overview", "href": "/programmes/falls/", "current": False},
                {"text": "Results", "href": "/programmes/falls/results/", "current": True},
            ]
        },
    )
    assert '<nav class="nhsuk-u-margin-bottom-5" aria-label="Programme pages">' in html
    assert '<a href="/programmes/falls/results/" aria-current="page"><strong>Results' in html
    assert '<a href="/programmes/falls/">Overview</a>' in html
