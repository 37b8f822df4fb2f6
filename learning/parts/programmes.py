"""What the programmes part registers with the pages of the apps below (projects.contributions):
a section of the project page listing the programmes the project is a team of."""

from core.wording import long_date
from learning import access
from projects.contributions import Section, add_section


def programmes_section(request, project) -> dict:
    memberships = (
        access.members_visible_to(request.user)
        .filter(project=project)
        .select_related("programme")
        .order_by("-joined_on")
    )
    return {
        "memberships": [
            {
                "programme": member.programme,
                "joined": long_date(member.joined_on),
                "left": long_date(member.left_on) if member.left_on else None,
            }
            for member in memberships
        ]
    }


SECTION = Section(
    "programmes", "learning/programmes/_project_programmes.jinja", programmes_section, order=30
)
add_section(SECTION)
