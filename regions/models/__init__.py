from regions.models.activity import (
    ChampionKind,
    ChampionRecruitment,
    CultureAssessment,
    CultureTool,
    EngagementRoute,
    OrganisationEngagement,
    QILevel,
    TrainingRecord,
    TrainingType,
)
from regions.models.api import IdempotentRequest
from regions.models.core import (
    PROVIDER_TYPES,
    NationalRole,
    Organisation,
    OrganisationType,
    Region,
    User,
)
from regions.models.rollups import PendingRollup, RollupFigure, RollupRun

__all__ = [
    "PROVIDER_TYPES",
    "ChampionKind",
    "ChampionRecruitment",
    "CultureAssessment",
    "CultureTool",
    "EngagementRoute",
    "IdempotentRequest",
    "NationalRole",
    "Organisation",
    "OrganisationEngagement",
    "OrganisationType",
    "PendingRollup",
    "QILevel",
    "Region",
    "RollupFigure",
    "RollupRun",
    "TrainingRecord",
    "TrainingType",
    "User",
]
