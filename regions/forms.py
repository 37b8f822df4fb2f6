from django import forms

from regions import access
from regions.models import Organisation
from regions.validators import normalise_ods_code


class OrganisationForm(forms.ModelForm):
    """Home region choices are limited to the regions the user may write to."""

    class Meta:
        model = Organisation
        fields = ["name", "ods_code", "type", "region"]
        error_messages = {
            "name": {"required": "Enter the organisation's name"},
            "type": {"required": "Select the type of organisation"},
            "region": {"required": "Select the home region"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = access.regions_writable_by(user)
        self.fields["region"].empty_label = "Select a region"
        self.fields["type"].choices = [("", "Select a type")] + list(self.fields["type"].choices)[
            1:
        ]

    def clean_ods_code(self) -> str:
        code = normalise_ods_code(self.cleaned_data.get("ods_code", ""))
        if code:
            clash = Organisation.objects.filter(ods_code=code).exclude(pk=self.instance.pk).first()
            if clash:
                raise forms.ValidationError(
                    f"ODS code {code} is already used by {clash.name}", code="duplicate_ods_code"
                )
        return code
