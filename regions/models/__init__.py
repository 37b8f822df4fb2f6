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
from regions.models.core import (
    PROVIDER_TYPES,
    NationalRole,
    Organisation,
    OrganisationType,
    Region,
    User,
)

__all__ = [
    "PROVIDER_TYPES",
    "ChampionKind",
    "ChampionRecruitment",
    "CultureAssessment",
    "CultureTool",
    "EngagementRoute",
    "NationalRole",
    "Organisation",
    "OrganisationEngagement",
    "OrganisationType",
    "QILevel",
    "Region",
    "TrainingRecord",
    "TrainingType",
    "User",
]
