"""A project's organisations come from the regions it runs in (its lead and participating
regions): the rule the project form offers its choices by, checked again for every write."""

from django.core.exceptions import ValidationError


def organisations_outside(lead_region, participating_regions, organisations) -> list:
    """The organisations not in any of the project's regions."""
    regions = {getattr(lead_region, "pk", lead_region)} | {r.pk for r in participating_regions}
    return [o for o in organisations if o.region_id not in regions]


def check_organisations(lead_region, participating_regions, organisations) -> None:
    outside = organisations_outside(lead_region, participating_regions, organisations)
    if outside:
        names = ", ".join(f"{o.name} ({o.region.name})" for o in outside)
        raise ValidationError(
            {
                "organisations": ValidationError(
                    f"These organisations are not in a region this project runs in: {names}. "
                    "Add their region to the participating regions first.",
                    code="outside_project_regions",
                )
            }
        )
