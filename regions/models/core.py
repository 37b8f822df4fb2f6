"""The 15 regional collaboratives, the organisations they work with, and the people using it."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from regions.validators import validate_ods_code


class Region(models.Model):
    """One Patient Safety Collaborative, hosted by an Academic Health Science Network."""

    slug = models.SlugField(unique=True, help_text="Stable identifier used in URLs and the API.")
    name = models.CharField(max_length=120, unique=True)
    website = models.URLField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", args=[self.slug])


class OrganisationType(models.TextChoices):
    ACUTE_TRUST = "acute_trust", "Acute trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    COMMUNITY_TRUST = "community_trust", "Community trust"
    AMBULANCE_TRUST = "ambulance_trust", "Ambulance trust"
    PRIMARY_CARE = "primary_care", "GP practice / primary care"
    CARE_HOME = "care_home", "Care home"
    COMMISSIONER = "commissioner", "Commissioner"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    UNIVERSITY = "university", "University"
    INDUSTRY = "industry", "Industry"
    PATIENT_GROUP = "patient_group", "Patient group"
    OTHER = "other", "Other"


# The programme reports NHS trusts that provide care together as "providers".
PROVIDER_TYPES = frozenset(
    {
        OrganisationType.ACUTE_TRUST,
        OrganisationType.MENTAL_HEALTH_TRUST,
        OrganisationType.COMMUNITY_TRUST,
        OrganisationType.AMBULANCE_TRUST,
    }
)


class Organisation(models.Model):
    """A hospital trust, GP practice, care home or other body a collaborative works with."""

    name = models.CharField(max_length=200)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        blank=True,
        validators=[validate_ods_code],
        help_text="The Organisation Data Service code, like RHM or A81001, if it has one.",
    )
    type = models.CharField(max_length=32, choices=OrganisationType.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name="home region",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"],
                condition=~Q(ods_code=""),
                name="organisation_ods_code_unique_when_present",
            ),
        ]
        indexes = [models.Index(fields=["region", "type"], name="organisation_region_type")]

    def __str__(self) -> str:
        return f"{self.name} ({self.ods_code})" if self.ods_code else self.name

    def get_absolute_url(self) -> str:
        return reverse("regions:organisation_detail", args=[self.pk])

    @property
    def is_provider(self) -> bool:
        return self.type in PROVIDER_TYPES


class NationalRole(models.TextChoices):
    NONE = "", "None"
    VIEWER = "viewer", "National viewer (NHS Improvement)"
    ADMIN = "admin", "National admin"


class User(AbstractUser):
    """Anyone who signs in. Roles: national (viewer or admin), regional lead of some regions,
    project team member (per project) and partner API client; one person may hold several."""

    national_role = models.CharField(
        max_length=16, choices=NationalRole.choices, blank=True, default=NationalRole.NONE
    )
    led_regions = models.ManyToManyField(
        Region, blank=True, related_name="leads", verbose_name="regions led"
    )
    is_api_client = models.BooleanField(
        "partner API client",
        default=False,
        help_text="A partner platform's account, used through API tokens.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
