"""What the spread part registers with the pages of the apps below (projects.contributions): a
section of the project page listing the organisations that adopted a change from the project
(adoptions naming it as their source). The organisation pages offer no hook to register with."""

from core.wording import long_date
from learning import access
from projects.contributions import Section, add_section


def spread_section(request, project) -> dict:
    adoptions = (
        access.adoptions_visible_to(request.user)
        .filter(source_project=project)
        .select_related("organisation", "entry", "package_of")
        .order_by("adopted_on", "id")
    )
    return {
        "spread_rows": [
            {
                "organisation": adoption.organisation.name,
                "adopts": str(adoption.adopts),
                "status": adoption.get_status_display().lower(),
                "adopted_on": long_date(adoption.adopted_on),
            }
            for adoption in adoptions
        ]
    }


SECTION = Section("spread", "learning/spread/_project_spread.jinja", spread_section, order=40)
add_section(SECTION)
