"""The page frame's remembered header: the NHS macro's own output, rendered once per distinct
parameters."""

from django.template import engines

from psc.jinja2 import remembered_macro

HEADER = "nhsuk/components/header/macro.jinja"
PARAMS = {
    "service": {"text": "PSC QI Tracker", "href": "/"},
    "account": {"items": [{"text": "Ada Lovelace", "icon": True}]},
    "navigation": {"items": [{"text": "Projects", "href": "/projects/", "active": True}]},
}


def test_the_remembered_header_is_the_macros_output_rendered_once_per_parameters():
    env = engines["jinja2"].env
    remembered = remembered_macro(env, HEADER, "header")

    first = remembered(PARAMS)
    assert first == env.get_template(HEADER).module.header(PARAMS)
    assert remembered(dict(reversed(PARAMS.items()))) is first  # the same parameters: kept
    other = remembered({**PARAMS, "account": {"items": [{"text": "Grace Hopper"}]}})
    assert "Grace Hopper" in other and "Ada Lovelace" not in other
