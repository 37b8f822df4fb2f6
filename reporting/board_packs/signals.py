"""The signals a region's measures showed that began in a quarter, in words, from the charts as
they read now (what `measurement.signal_news` tells teams), so a past quarter's pack lists the
same signals however long after it is made."""

from dataclasses import dataclass
from datetime import date

from measurement import spc
from measurement.models import DataType, Measure
from measurement.readings import is_special_cause, signal_runs
from measurement.signal_news import signal_in_words


@dataclass(frozen=True)
class QuarterSignal:
    measure_id: int
    measure_name: str
    project_id: int
    project_title: str
    first_period: date
    words: str


def signals_in(
    measures: list[Measure], analyses: dict[int, spc.Analysis | None], first: date, last: date
) -> list[QuarterSignal]:
    """Every special cause signal whose first point falls from `first` to `last`, by project,
    measure and date."""
    found = []
    for measure in measures:
        analysis = analyses.get(measure.pk)
        if analysis is None:
            continue
        events = measure.data_type == DataType.EVENTS
        for run in signal_runs(analysis):
            if first <= run.first_period <= last and is_special_cause(run, analysis.settings.rules):
                found.append(
                    QuarterSignal(
                        measure_id=measure.pk,
                        measure_name=measure.name,
                        project_id=measure.project_id,
                        project_title=measure.project.title,
                        first_period=run.first_period,
                        words=signal_in_words(run, analysis, measure.frequency, events),
                    )
                )
    return sorted(found, key=lambda s: (s.project_title, s.measure_name, s.first_period))
