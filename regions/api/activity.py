"""Regional activity records: /api/v1/activity/{training,champions,engagement,culture}/.

Any signed-in user reads every region's records; only the region's leads and national admins
write them (regions.activity.services checks, whoever calls).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from core.api.views import ApiView
from regions import access
from regions.activity import services
from regions.activity.kinds import KINDS, Kind
from regions.api.fields import OrganisationField, region_field
from regions.api.filters import activity_filter


class ActivitySerializer(serializers.ModelSerializer):
    """A record of one region; `region` is given when it is created and never changes."""

    region = region_field()

    def validate_region(self, region):
        if self.instance is not None and region != self.instance.region:
            raise serializers.ValidationError(
                "A record stays in its region: delete it and add it to the other region instead",
                code="region_fixed",
            )
        return region


def _serializer(kind: Kind) -> type[ActivitySerializer]:
    attrs = {}
    if "organisation" in kind.fields:
        organisation_required = not kind.model._meta.get_field("organisation").null
        attrs["organisation"] = OrganisationField(
            required=organisation_required, allow_null=not organisation_required
        )
    meta = type(
        "Meta",
        (),
        {
            "model": kind.model,
            "fields": ["id", "region", *kind.fields, "updated_at"],
            "read_only_fields": ["updated_at"],
            "validators": [],
        },
    )
    name = f"{kind.model.__name__}Serializer"
    return type(name, (ActivitySerializer,), {**attrs, "Meta": meta})


def _viewset(kind: Kind) -> type[viewsets.ModelViewSet]:
    noun, plural = kind.noun, kind.plural

    class ActivityViewSet(ApiView, viewsets.ModelViewSet):
        serializer_class = _serializer(kind)
        filterset_class = activity_filter(kind)
        ordering = (f"-{kind.date_field}", "-id")
        ordering_fields = (kind.date_field, "updated_at", "id")
        lookup_value_regex = r"[0-9]{1,18}"

        def get_queryset(self):
            related = ["region", "organisation"] if "organisation" in kind.fields else ["region"]
            return access.activity_records_visible_to(self.request.user, kind).select_related(
                *related
            )

        def perform_create(self, serializer):
            fields = dict(serializer.validated_data)
            region = fields.pop("region")
            serializer.instance = services.creator_for(kind)(
                by=self.request.user, region=region, **fields
            )

        def perform_update(self, serializer):
            fields = dict(serializer.validated_data)
            fields.pop("region", None)
            serializer.instance = services.record_update(
                by=self.request.user, record=serializer.instance, **fields
            )

        def perform_destroy(self, instance):
            services.record_delete(by=self.request.user, record=instance)

    ActivityViewSet.__name__ = ActivityViewSet.__qualname__ = f"{kind.model.__name__}ViewSet"
    tag = ["activity"]
    return extend_schema_view(
        list=extend_schema(summary=f"List {plural}", tags=tag),
        create=extend_schema(
            summary=f"Add {kind.a_noun}",
            tags=tag,
            description="Only the region's leads and national admins.",
        ),
        retrieve=extend_schema(summary=f"One {noun}", tags=tag),
        update=extend_schema(summary=f"Replace {kind.a_noun}", tags=tag),
        partial_update=extend_schema(summary=f"Change {kind.a_noun}", tags=tag),
        destroy=extend_schema(summary=f"Delete {kind.a_noun}", tags=tag),
    )(ActivityViewSet)


VIEWSETS = {slug: _viewset(kind) for slug, kind in KINDS.items()}
