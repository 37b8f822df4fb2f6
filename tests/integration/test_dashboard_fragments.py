"""A dashboard fragment is drawn once for what it shows; when that moves, the previous copy is
served and one request draws the new one after its response (stale-while-revalidate)."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished
from django.test import RequestFactory

from reporting import fragments

TEMPLATE = "dashboards/_refresh_status.jinja"
# request_finished closes old database connections, as after any response.
pytestmark = pytest.mark.django_db


def _draw(text):
    calls = []

    def context():
        calls.append(text)
        return {"progress": {"text": text, "running": False, "error": ""}}

    return context, calls


@pytest.fixture
def request_():
    return RequestFactory().get("/dashboard/")


def _render(request, version, text):
    context, calls = _draw(text)
    html = fragments.render_fresh(
        TEMPLATE, request, slot=("national", "2016-17"), version=version, context=context
    )
    return str(html), calls


def _slot_name():
    return f"dashboard-fragment:{TEMPLATE}:{fragments._digest(('national', '2016-17'))}"


def test_a_fragment_is_drawn_once_per_version(request_):
    first, drawn = _render(request_, 1, "Version one")
    again, drawn_again = _render(request_, 1, "Version one")
    assert "Version one" in first and again == first
    assert (drawn, drawn_again) == (["Version one"], [])


def test_a_stale_fragment_is_served_at_once_and_drawn_again_after_the_response(request_):
    _render(request_, 1, "Version one")
    served, drawn = _render(request_, 2, "Version two")
    assert "Version one" in served and drawn == []  # nobody waits for the new copy
    request_finished.send(sender=None)  # the response has gone: now it is drawn
    assert drawn == ["Version two"]
    served, drawn_again = _render(request_, 2, "Version two")
    assert "Version two" in served and drawn_again == []


def test_while_another_request_draws_the_new_version_no_other_draws_it(request_):
    _render(request_, 1, "Version one")
    cache.add(f"{_slot_name()}:rendering", True, 10)  # another process is drawing version 2
    served, drawn = _render(request_, 2, "Version two")
    request_finished.send(sender=None)
    assert "Version one" in served and drawn == []


def test_a_fragment_is_drawn_without_the_cache_when_the_cache_fails(request_, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for method in ("get", "add", "set", "delete"):
        monkeypatch.setattr(cache, method, broken)
    served, drawn = _render(request_, 1, "Drawn anyway")
    assert "Drawn anyway" in served and drawn == ["Drawn anyway"]
