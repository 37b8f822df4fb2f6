"""Regions (fixed reference data) and the organisation register."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from core.api.views import ApiView
from core.lookup import visible_or_404
from regions import access, services
from regions.api.filters import OrganisationFilter
from regions.api.serializers import OrganisationSerializer, RegionSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List the 15 collaboratives",
        description="Regions are fixed reference data: `updated_since` is "
        "accepted and every region is listed.",
    ),
    retrieve=extend_schema(summary="One collaborative, by slug"),
)
class RegionViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-z0-9]{1,50}"
    updated_field = None
    ordering = ("name",)
    ordering_fields = ("name", "slug")

    def get_queryset(self):
        return access.regions_visible_to(self.request.user)


ID_OR_ODS = OpenApiParameter(
    "id_or_ods",
    str,
    OpenApiParameter.PATH,
    description="The organisation's id (digits only) or ODS code.",
)


@extend_schema_view(
    list=extend_schema(summary="List organisations"),
    create=extend_schema(
        summary="Add an organisation",
        description="Regional leads add organisations to the regions they "
        "lead; national admins to any.",
    ),
    retrieve=extend_schema(summary="One organisation, by id or ODS code", parameters=[ID_OR_ODS]),
    update=extend_schema(summary="Replace an organisation's details", parameters=[ID_OR_ODS]),
    partial_update=extend_schema(
        summary="Change an organisation's details", parameters=[ID_OR_ODS]
    ),
)
class OrganisationViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_url_kwarg = "id_or_ods"
    lookup_value_regex = r"[A-Za-z0-9]{1,18}"
    ordering = ("name", "id")
    ordering_fields = ("name", "ods_code", "updated_at", "id")

    def get_queryset(self):
        return access.organisations_visible_to(self.request.user)

    def get_object(self):
        value = self.kwargs["id_or_ods"]
        lookup = {"pk": int(value)} if value.isdigit() else {"ods_code": value.upper()}
        return visible_or_404(
            self.get_queryset(),
            f"There is no organisation with the id or ODS code {value}.",
            **lookup,
        )

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            by=self.request.user, organisation=serializer.instance, **serializer.validated_data
        )
