import re

from django.core.exceptions import ValidationError

# ODS codes are 3 to 10 letters and digits: trusts (RHM), sites (RHM01), practices (A81001).
_ODS_CODE = re.compile(r"^[A-Z0-9]{3,10}$")


def normalise_ods_code(raw: str) -> str:
    return (raw or "").strip().upper()


def validate_ods_code(value: str) -> None:
    if value and not _ODS_CODE.match(value):
        raise ValidationError(
            "Enter an ODS code of 3 to 10 letters and numbers, like RHM or A81001",
            code="invalid_ods_code",
        )
