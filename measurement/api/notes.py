"""Notes on a measure's points: /api/v1/measures/{measure_id}/notes/ and .../{note_id}/.

Anyone who may see the measure reads its notes; its team, leads of its regions and national
admins write them (measurement.services.notes checks).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound

from core.api.fields import ID_PATTERN, ScopedIdField
from core.api.views import ApiView
from measurement import access
from measurement.models import Measure, PointNote
from measurement.services import notes as services
from projects import access as projects_access

TAGS = ["notes on points"]
NOTE_TEXT_MESSAGES = {
    "required": "Write the note: say what happened at this point",
    "blank": "Write the note: say what happened at this point",
    "max_length": f"Keep the note to {services.MAX_NOTE_LENGTH:,} characters or fewer",
}


class PointNoteSerializer(serializers.ModelSerializer):
    period = serializers.DateField(
        help_text="The point's period (weekly from a Monday, monthly from the 1st) or, for a "
        "measure of rare events, an event's date. It must have data."
    )
    text = serializers.CharField(
        max_length=services.MAX_NOTE_LENGTH, error_messages=NOTE_TEXT_MESSAGES
    )
    pdsa_cycle = ScopedIdField(
        scope=projects_access.pdsa_cycles_visible_to,
        noun="PDSA cycle",
        required=False,
        allow_null=True,
        help_text="A PDSA cycle of the measure's project tested at this point.",
    )
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PointNote
        fields = ["id", "measure", "period", "text", "pdsa_cycle", "created_by", "created_at"]
        fields += ["updated_at"]
        read_only_fields = ["id", "measure", "created_by", "created_at", "updated_at"]


@extend_schema_view(
    list=extend_schema(summary="List a measure's notes on points", tags=TAGS),
    create=extend_schema(summary="Add a note to a point", tags=TAGS),
    retrieve=extend_schema(summary="One note on a point", tags=TAGS),
    partial_update=extend_schema(summary="Change a note (its history is kept)", tags=TAGS),
    destroy=extend_schema(summary="Remove a note (its history is kept)", tags=TAGS),
)
class PointNoteViewSet(
    ApiView,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PointNoteSerializer
    lookup_url_kwarg = "note_id"
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    ordering = ("period", "created_at", "id")
    ordering_fields = ("period", "updated_at", "id")

    def measure(self) -> Measure:
        if not hasattr(self, "_measure"):
            pk = self.kwargs["measure_id"]
            self._measure = (
                access.measures_visible_to(self.request.user)
                .select_related("project")
                .filter(pk=pk)
                .first()
            )
            if self._measure is None:
                raise NotFound(f"There is no measure with the id {pk}.")
        return self._measure

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no measure
            return access.notes_visible_to(self.request.user).none()
        return (
            access.notes_visible_to(self.request.user)
            .filter(measure=self.measure())
            .select_related("created_by")
        )

    def perform_create(self, serializer):
        serializer.instance = services.note_add(
            by=self.request.user, measure=self.measure(), **serializer.validated_data
        )

    def perform_update(self, serializer):
        note = serializer.instance
        note.measure = self.measure()
        serializer.instance = services.note_update(
            by=self.request.user, note=note, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        instance.measure = self.measure()
        services.note_delete(by=self.request.user, note=instance)
