"""Plain-English help for reading the charts, linked from the measure form and pages."""

from django.shortcuts import render

from measurement.presenters.measure import assurance_tag, variation_tag
from measurement.spc.codes import Assurance, Variation

VARIATION_MEANINGS = {
    Variation.IMPROVEMENT: "A signal in the direction you want: something has changed for "
    "the better.",
    Variation.CONCERN: "A signal in the direction you do not want: look into what has changed.",
    Variation.NEUTRAL_HIGH: "A signal upwards on a measure where neither direction is better.",
    Variation.NEUTRAL_LOW: "A signal downwards on a measure where neither direction is better.",
    Variation.COMMON_CAUSE: "No signal: the points vary as they usually do. Changing the result "
    "needs a change to the process, not a reaction to one point.",
}

ASSURANCE_MEANINGS = {
    Assurance.CONSISTENT_PASS: "Both limits are on the right side of the target: if nothing "
    "changes, you will meet it almost every time.",
    Assurance.CONSISTENT_FAIL: "Both limits are on the wrong side of the target: you will not "
    "meet it without changing the process.",
    Assurance.INCONSISTENT: "The target is between the limits: you will meet it some weeks and "
    "miss it in others, by chance.",
}


def how_to_read(request):
    context = {
        "variations": [(variation_tag(c), m) for c, m in VARIATION_MEANINGS.items()],
        "assurances": [(assurance_tag(c), m) for c, m in ASSURANCE_MEANINGS.items()],
    }
    return render(request, "measurement/how_to_read.jinja", context)
