from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from regions import access
from regions.api.fields import region_field
from regions.models import Organisation, Region
from regions.validators import normalise_ods_code, validate_ods_code


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name", "website"]


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation; its home region is named by slug."""

    region = region_field()
    ods_code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=12,
        help_text="The Organisation Data Service code, like RHM or A81001; any case.",
    )

    class Meta:
        model = Organisation
        fields = ["id", "name", "ods_code", "type", "region", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # the service checks the rules (with sentences people can act on)

    def validate_ods_code(self, value: str) -> str:
        code = normalise_ods_code(value)
        if not code:
            return code
        try:
            validate_ods_code(code)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages, code="invalid_ods_code") from None
        others = access.organisations_visible_to(self.context["request"].user).filter(ods_code=code)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        clash = others.first()
        if clash:
            raise serializers.ValidationError(
                f"ODS code {code} is already used by {clash.name}", code="duplicate_ods_code"
            )
        return code
