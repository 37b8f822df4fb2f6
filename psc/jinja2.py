"""The Jinja2 environment for pages: our templates first, then the NHS.UK frontend macros."""

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import number_format
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PackageLoader

from psc.form_fields import component_for, error_summary_items, field_params
from psc.navigation import primary_navigation


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def thousands(value) -> str:
    """10150 -> '10,150', as the programme writes its figures."""
    return number_format(value, force_grouping=True)


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
        url=url,
        get_messages=messages.get_messages,
        primary_navigation=primary_navigation,
        field_component=component_for,
        field_params=field_params,
        error_summary_items=error_summary_items,
    )
    env.filters["thousands"] = thousands
    return env
