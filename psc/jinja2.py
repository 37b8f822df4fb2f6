"""The Jinja2 environment for pages: our templates first, then the NHS.UK frontend macros."""

import json
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PackageLoader
from markupsafe import Markup

from core.form_fields import component_for, error_summary_items, field_params
from core.wording import thousands
from projects.contributions import portfolio_columns
from psc.navigation import primary_navigation


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def with_csrf_token(html, request) -> Markup:
    """Adds the CSRF token to the POST forms inside a macro's output (the NHS header's sign-out
    form has no slot for it)."""
    token = Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(
        get_token(request)
    )
    opening = 'method="post" novalidate>'
    return Markup(str(html).replace(opening, f"{opening}{token}"))


def remembered_macro(env: Environment, template: str, name: str, size: int = 1024):
    """A macro whose output is kept per distinct parameters: the NHS header costs more to
    render than the rest of a cached page, and a signed-in user's is the same on every page of
    a section. Parameters must be JSON, so the cache key is exact."""

    @lru_cache(maxsize=size)
    def render(params_json: str) -> Markup:
        macro = getattr(env.get_template(template).module, name)
        return Markup(macro(json.loads(params_json)))

    return lambda params: render(json.dumps(params, sort_keys=True))


def static_folder(path: str) -> str:
    """The URL of a folder of static files: `static()` names files (hashed in production), and a
    folder has no entry in the manifest."""
    return f"{settings.STATIC_URL}{path}"


def environment(**options) -> Environment:
    # ChainableUndefined lets the NHS macros read params.a.b when params.a is absent.
    options.pop("loader", None)
    options["undefined"] = ChainableUndefined
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader([str(path) for path in settings.TEMPLATES[0]["DIRS"]]),
                PackageLoader("nhsuk_frontend_jinja"),
            ]
        ),
        **options,
    )
    env.globals.update(
        static=static,
        static_folder=static_folder,
        remembered_header=remembered_macro(env, "nhsuk/components/header/macro.jinja", "header"),
        url=url,
        get_messages=messages.get_messages,
        primary_navigation=primary_navigation,
        portfolio_columns=portfolio_columns,
        field_component=component_for,
        field_params=field_params,
        error_summary_items=error_summary_items,
    )
    env.filters["thousands"] = thousands
    env.filters["with_csrf_token"] = with_csrf_token
    return env
