"""Saving one row of the grid: reading the posted cells, the far-outside check, and the save
of every filled cell in one transaction."""

from datetime import date

from measurement import spc
from measurement.analysis import analyse_inputs, with_observation
from measurement.entry_rules import VALUE_FIELDS
from measurement.presenters import entry as present
from measurement.services.point_checks import measure_points_checked
from measurement.services.point_saves import MeasurePoints, points_save


def posted_row(post, measures, period: date, today: date):
    """The typed values, each measure's problems, and the clean points of filled cells."""
    state, clean = present.RowState(), {}
    for measure in measures:
        names = VALUE_FIELDS[measure.data_type]
        cell = {n: post.get(present.field_name(measure.pk, n), "").strip() for n in names}
        state.posted.update({present.field_name(measure.pk, n): v for n, v in cell.items()})
        if not any(cell.values()):
            continue  # a blank cell is left as it is
        points, problems = measure_points_checked(measure, [{"period": period, **cell}], today)
        if problems:
            state.problems[measure.pk] = problems
        else:
            clean[measure.pk] = points[0]
    return state, clean


def analyses_before(inputs: dict) -> dict:
    """{measure id: its chart as stored}, for the far-outside check."""
    return {pk: analyse_inputs(measure_inputs) for pk, measure_inputs in inputs.items()}


def analyses_after(inputs: dict, clean: dict) -> dict:
    """{measure id: its chart with the row's new value}: the inputs read before the save with
    the saved point put in, so a save reads the measures' data once, not twice."""
    return {
        pk: analyse_inputs(with_observation(measure_inputs, _observation(clean[pk])))
        for pk, measure_inputs in inputs.items()
        if pk in clean
    }


def _observation(point) -> spc.Observation:
    return spc.Observation(point.period, point.value, point.numerator, point.denominator)


def confirmation_needed(post, measures, clean, state, analyses: dict) -> bool:
    """True when a value is far outside its chart and the person has not confirmed it yet."""
    by_pk = {m.pk: m for m in measures}
    flagged = {}
    for pk, point in clean.items():
        warning = present.outlier_warning(by_pk[pk], analyses[pk], point)
        if warning:
            state.warnings.append(warning)
            flagged[pk] = point
    token = present.confirm_token(flagged)
    if not flagged or post.get("confirm") == token:
        state.warnings = []
        return False
    state.confirm = token
    return True


def save_row(user, measures, clean, state, phrase: str) -> None:
    """Every filled cell of the row, already checked by `posted_row`, saved in one go: one
    permission check, lock and write for all the row's measures."""
    batches = [MeasurePoints(m, [clean[m.pk]]) for m in measures if m.pk in clean]
    plan = points_save(by=user, batches=batches)
    state.saved = (
        f"The {phrase} is saved: {plan.created} added, {plan.updated} corrected, "
        f"{plan.unchanged} unchanged."
    )
