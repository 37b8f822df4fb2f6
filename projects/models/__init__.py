from projects.models.diagram import ChangeIdea, PrimaryDriver, SecondaryDriver
from projects.models.invitation import Invitation, InvitationState, RegionRole
from projects.models.pdsa import PDSACycle, PDSADecision, PDSAStatus
from projects.models.project import (
    CareSetting,
    ProgressScore,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectStatus,
    StatusChange,
    Topic,
)

__all__ = [
    "CareSetting",
    "ChangeIdea",
    "Invitation",
    "InvitationState",
    "PDSACycle",
    "PDSADecision",
    "PDSAStatus",
    "PrimaryDriver",
    "ProgressScore",
    "Project",
    "ProjectMember",
    "ProjectRole",
    "ProjectStatus",
    "RegionRole",
    "SecondaryDriver",
    "StatusChange",
    "Topic",
]
