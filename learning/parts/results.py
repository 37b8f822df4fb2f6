"""What the results part registers with the pages of the apps below (projects.contributions): a
section of the project page giving each measure's impact statements, read from its chart
(learning/impacts.py)."""

from learning.presenters.impacts import impacts_by_measure
from measurement import access as measurement_access
from projects.contributions import Section, add_section

NO_RESULTS = "No results yet: a measure needs a second phase (rebase after a change) to compare"


def results_section(request, project) -> dict:
    measures = list(
        measurement_access.measures_visible_to(request.user)
        .filter(project=project)
        .order_by("kind", "name", "pk")
    )
    for measure in measures:  # the page's project: its end date needs no query
        measure.project = project
    impacts = impacts_by_measure(measures)
    return {
        "result_rows": [
            {"measure": m, "href": m.get_absolute_url(), "impacts": impacts[m.pk]} for m in measures
        ],
        "no_results": NO_RESULTS,
    }


SECTION = Section("results", "learning/impacts/_project_impacts.jinja", results_section, order=15)
add_section(SECTION)
