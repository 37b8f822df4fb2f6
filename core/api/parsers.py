"""The API's JSON parser: DRF's, with bounds a partner's body must keep to, each refused as a 400
in the API's error format rather than a server error or a message about Python internals:
nesting at most MAX_DEPTH deep (the deepest real body, a bulk write, is 3), numbers of at most
MAX_NUMBER_LENGTH characters and within a float's range; no NaN or Infinity (DRF's strict
JSON)."""

import codecs
import json
import math

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils.json import strict_constant

MAX_DEPTH = 32
MAX_NUMBER_LENGTH = 40


def _bounded_number(text: str, convert):
    if len(text) > MAX_NUMBER_LENGTH:
        raise ParseError(
            f"JSON parse error - a number has more than {MAX_NUMBER_LENGTH} characters "
            f"({text[:12]}…)."
        )
    number = convert(text)
    if isinstance(number, float) and math.isinf(number):
        raise ParseError(f"JSON parse error - the number {text} is out of range.")
    return number


def _depth(value) -> int:
    """How deeply `value` nests, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=strict_constant,
                parse_int=lambda text: _bounded_number(text, int),
                parse_float=lambda text: _bounded_number(text, float),
            )
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        if _depth(data) > MAX_DEPTH:
            raise ParseError(f"JSON parse error - the body nests more than {MAX_DEPTH} deep.")
        return data
