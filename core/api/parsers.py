"""The API's JSON parser: DRF's, with a body nested too deeply for Python's JSON decoder (it
raises RecursionError, which DRF does not catch) answered as a 400 in the API's error format
rather than a server error."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None
