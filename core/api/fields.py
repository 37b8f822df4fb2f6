"""Related fields whose choices are what the requesting user may see (regions/access.py), and
id inputs bounded to what the database can hold (a 30-digit id is "not found", not a crash)."""

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from rest_framework import serializers

MAX_ID = 2**63 - 1
ID_PATTERN = r"[0-9]{1,18}"  # URL ids: anything longer cannot exist


def queryable(text: str) -> bool:
    """Whether a string can go into a query: PostgreSQL takes no NUL and no lone surrogate."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Scoped:
    """`scope` is an access-policy function: user -> queryset of the objects they may see."""

    def __init__(self, *, scope, **kwargs):
        self.scope = scope
        if not kwargs.get("read_only"):
            kwargs["queryset"] = scope(AnonymousUser())  # the model, for the schema; no rows
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.scope(request.user if request else AnonymousUser())


class ScopedSlugField(Scoped, serializers.SlugRelatedField):
    """A related object named by its slug, e.g. a region: "wessex"."""

    def __init__(self, *, noun: str = "object", **kwargs):
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = (
            f"There is no {noun} called “{{value}}”; {noun}s are named by slug, e.g. wessex"
        )

    def to_internal_value(self, data):
        if isinstance(data, str) and not queryable(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=repr(data))
        return super().to_internal_value(data)


class ScopedIdField(Scoped, serializers.PrimaryKeyRelatedField):
    def __init__(self, *, noun: str = "object", **kwargs):
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = f"There is no {noun} with the id {{pk_value}}"

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < number <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)


class IdFilter(django_filters.Filter):
    """?project=12: an id within the database's range (others match nothing, as 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
