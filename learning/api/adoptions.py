"""Adoptions (/api/v1/adoptions/): which organisations adopted a change or a programme's whole
package, when, and how far they have got; one at a time, or many at once through
/api/v1/adoptions/bulk/ under the same contract as data points (all or nothing by default,
?partial=true, ?dry_run=true, Idempotency-Key).

Leads of the organisation's region, leads of the programme concerned and national admins record
them (learning.services.adoptions checks, row by row in a batch).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action

from core.api.fields import ID_PATTERN
from core.api.parsers import BoundedJSONParser as JSONParser
from core.api.views import ApiView
from learning import access
from learning.api.batch import (
    CSV_BODY,
    FLAGS,
    REJECTED,
    AdoptionRowsSerializer,
    AdoptionsDocSerializer,
    AdoptionsSummarySerializer,
    batch_response,
    flag,
)
from learning.api.filters import AdoptionFilter
from learning.api.parsers import AdoptionsCSVParser
from learning.api.serializers import AdoptionSerializer
from learning.services import adoptions as services

TAGS = ["adoptions"]
FIXED = ("organisation", "entry", "package_of")


@extend_schema_view(
    list=extend_schema(summary="List adoptions", tags=TAGS),
    create=extend_schema(
        summary="Record an adoption",
        description="Give `organisation` (id or ODS code), either `change` (an entry's slug) or "
        "`package` (a programme's slug), and `adopted_on`. An organisation adopts a change "
        "once: recording it again updates the record.",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One adoption", tags=TAGS),
    partial_update=extend_schema(summary="Change an adoption's date, status or source", tags=TAGS),
)
class AdoptionViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AdoptionSerializer
    filterset_class = AdoptionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = ID_PATTERN
    ordering = ("adopted_on", "id")
    ordering_fields = ("adopted_on", "status", "updated_at", "id")

    def get_queryset(self):
        return access.adoptions_visible_to(self.request.user).select_related(
            "organisation", "entry", "package_of", "source_programme", "recorded_by"
        )

    def perform_create(self, serializer):
        adoption = services.adoption_record(by=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=adoption.pk)

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        for name in FIXED:
            if name in values and values.pop(name) != getattr(serializer.instance, name):
                field = {"entry": "change", "package_of": "package"}.get(name, name)
                raise serializers.ValidationError(
                    {
                        field: [
                            "An adoption keeps its organisation and what it adopts: record a "
                            "new adoption instead"
                        ]
                    },
                    code="fixed",
                )
        adoption = services.adoption_update(
            by=self.request.user, adoption=serializer.instance, **values
        )
        serializer.instance = self.get_queryset().get(pk=adoption.pk)

    @extend_schema(
        summary="Record many adoptions at once",
        description="Upsert on (organisation, change) and (organisation, package). By default "
        "any rejected row saves nothing: a 400 lists every rejected row by its `index` (from 0) "
        "and field. Each row is checked against who may record it.",
        parameters=FLAGS,
        request={"application/json": AdoptionsDocSerializer, "text/csv": CSV_BODY},
        responses={200: AdoptionsSummarySerializer, 400: REJECTED},
        tags=TAGS,
    )
    @action(detail=False, methods=["post"], parser_classes=[JSONParser, AdoptionsCSVParser])
    def bulk(self, request):
        body = AdoptionRowsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        summary = services.adoptions_save(
            by=request.user,
            rows=body.validated_data["adoptions"],
            partial=flag(request, "partial"),
            dry_run=flag(request, "dry_run"),
        )
        return batch_response(request, summary)
