"""The codes an analysis reads out, named once: a chart's variation (the Making Data Count
variation icon) and its assurance against a target (the assurance icon).

The analysis documents carry the plain string values (`Variation.IMPROVEMENT.value`), so that an
analysis stays plain data; the enums compare equal to those strings everywhere else.
"""

from enum import StrEnum


class Variation(StrEnum):
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL_HIGH = "special_cause_neutral_high"
    NEUTRAL_LOW = "special_cause_neutral_low"
    COMMON_CAUSE = "common_cause"

    @property
    def is_special_cause(self) -> bool:
        return self is not Variation.COMMON_CAUSE


class Assurance(StrEnum):
    CONSISTENT_PASS = "consistent_pass"
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"
