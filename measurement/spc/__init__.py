"""Run charts and SPC charts as a pure module: standard library and numpy only.

Rule sets: `anhoej` (qicharts2 0.8.1), `mdc` (NHSRplotthedots 0.2.2, NHS Making Data Count)
and `ihi` (Perla, Provost & Murray 2011). The specification is shared/spc/README.md,
beside the project.
"""

from .analysis import analyse
from .codes import Assurance, Variation
from .document import analysis_document
from .harm import harm_avoided
from .ihi import PERLA_TABLE_1
from .runs import crossings_min, longest_run_max
from .types import (
    CHARTS,
    DATA_TYPES,
    HARM_METHOD,
    IMPROVEMENTS,
    NO_VARIATION,
    RULE_SETS,
    Analysis,
    Event,
    HarmAvoided,
    IhiRuns,
    InvalidData,
    InvalidSettings,
    MeasureSettings,
    Observation,
    Phase,
    PhaseResult,
    PointResult,
)
from .validation import (
    CHARTS_FOR_DATA_TYPE,
    RULES_FOR_CHART,
    default_chart,
    default_rules,
    validate_settings,
)

__all__ = [
    "CHARTS",
    "CHARTS_FOR_DATA_TYPE",
    "DATA_TYPES",
    "HARM_METHOD",
    "IMPROVEMENTS",
    "NO_VARIATION",
    "PERLA_TABLE_1",
    "RULES_FOR_CHART",
    "RULE_SETS",
    "Analysis",
    "Assurance",
    "Event",
    "HarmAvoided",
    "IhiRuns",
    "InvalidData",
    "InvalidSettings",
    "MeasureSettings",
    "Observation",
    "Phase",
    "PhaseResult",
    "PointResult",
    "Variation",
    "analyse",
    "analysis_document",
    "crossings_min",
    "default_chart",
    "default_rules",
    "harm_avoided",
    "longest_run_max",
    "validate_settings",
]
