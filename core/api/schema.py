"""The OpenAPI description: every operation lists the errors it can answer, in one format.

`ApiSchema` (SPECTACULAR_SETTINGS' default schema class) adds the error responses each kind of
operation can give and the Idempotency-Key header of every write, so no view can forget them.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from core.api.idempotency import HEADER, MAX_KEY_LENGTH


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True,
        help_text="e.g. `lead_region` or `points.3.period`; null for the request as a whole.",
    )
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField(
        help_text="e.g. invalid, not_authenticated, permission_denied, "
        "not_found, conflict, throttled."
    )
    detail = serializers.CharField()
    errors = ErrorItemSerializer(many=True)

    class Meta:
        ref_name = "Error"


ERRORS = {
    400: "The request is invalid: `errors` names each field and what is wrong with it.",
    401: "No credentials, or a token that is unknown, expired or revoked. Send "
    "`Authorization: Token <key>`.",
    403: "Signed in, but this user may not do this: the detail says who may.",
    404: "There is no such object, or no such page of results.",
    406: "The Accept header asks for a format this endpoint cannot give.",
    409: "The Idempotency-Key was used for a different request or its first request is still "
    "running, or the change conflicts with the resource's state.",
    413: "The request body is larger than the limit.",
    415: "The Content-Type is not one this endpoint reads.",
    429: "Too many requests for this token: wait for the seconds in Retry-After.",
    503: "A query took longer than the statement timeout and was stopped.",
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class ApiSchema(AutoSchema):
    def _error_codes(self) -> list[int]:
        codes = [406, 429, 503]
        public = any(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public:
            codes += [401, 403]
        if (
            self.method in ("POST", "PUT", "PATCH")
            or self._is_list_view()
            or "{" in self.path
            or self._takes_query_parameters()
        ):
            codes.append(400)
        if "{" in self.path or self._is_list_view():
            codes.append(404)  # no such object; a list page past the last
        if self.method in WRITE_METHODS:
            codes.append(409)
        if self.method in ("POST", "PUT", "PATCH"):
            codes += [413, 415]
        return sorted(codes)

    def _takes_query_parameters(self) -> bool:
        return any(
            isinstance(p, OpenApiParameter) and p.location == OpenApiParameter.QUERY
            for p in self.get_override_parameters()
        )

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERRORS[code]),
                    str(code),
                    direction=direction,
                )
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in WRITE_METHODS:
            parameters.append(
                OpenApiParameter(
                    HEADER,
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description=f"Any unique string (at most {MAX_KEY_LENGTH} characters), e.g. a "
                    "UUID. A retry with the same key and body gets the first answer "
                    "back (header Idempotent-Replayed: true) instead of applying the "
                    "request twice. Keys last 24 hours.",
                )
            )
        return parameters
