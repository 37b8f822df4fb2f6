from learning.models.catalogue import (
    ChangeEntry,
    ChangeLink,
    ChangeResource,
    EntryStatus,
    PackageItem,
)
from learning.models.programmes import (
    FEEDBACK_SCORE_MAX,
    LearningSession,
    Programme,
    ProgrammeMember,
    ProgrammeMethod,
    ProgrammeStatus,
    SessionAttendance,
    SessionMaterial,
    SessionMode,
    SharedMeasure,
)
from learning.models.spread import (
    ADOPTING_STATUSES,
    Adoption,
    AdoptionSource,
    AdoptionStatus,
)

__all__ = [
    "ADOPTING_STATUSES",
    "FEEDBACK_SCORE_MAX",
    "Adoption",
    "AdoptionSource",
    "AdoptionStatus",
    "ChangeEntry",
    "ChangeLink",
    "ChangeResource",
    "EntryStatus",
    "LearningSession",
    "PackageItem",
    "Programme",
    "ProgrammeMember",
    "ProgrammeMethod",
    "ProgrammeStatus",
    "SessionAttendance",
    "SessionMaterial",
    "SessionMode",
    "SharedMeasure",
]
