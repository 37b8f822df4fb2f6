"""The national and regional figures, read from the stored rollups (docs/adr/0003).

Every signed-in user sees England's figures. National users also see every region's detail; a
regional lead sees the regions they lead, and another region's detail is refused (403).
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.views import ApiView
from core.fiscal import financial_year, is_year_name
from core.lookup import refuse_unless, visible_or_404
from regions import access as regions_access
from reporting import access
from reporting.models import NATIONAL
from reporting.rollups import read
from reporting.rollups.arithmetic import figures_document


class GroupSerializer(serializers.Serializer):
    total = serializers.FloatField()


def _group(name: str, keys) -> type[serializers.Serializer]:
    return type(name, (GroupSerializer,), {key: serializers.FloatField() for key in keys})


class AdoptingSerializer(serializers.Serializer):
    total = serializers.FloatField(
        help_text="Distinct organisations: each counts once, however many changes it adopts."
    )
    by_type = serializers.DictField(
        child=serializers.FloatField(),
        help_text="By organisation type (e.g. `acute_trust`); types with none are left out.",
    )


class FiguresSerializer(serializers.Serializer):
    """One scope's figures for a financial year (or one quarter of it)."""

    scope = serializers.CharField(help_text="`national` or a region's slug.")
    financial_year = serializers.CharField(help_text="e.g. 2016-17 (April to March).")
    quarter = serializers.IntegerField(allow_null=True, help_text="1 to 4; null: the year.")
    projects_started = serializers.FloatField()
    projects_completed = serializers.FloatField()
    projects_active = serializers.FloatField(
        help_text="Open at the period's end and not stalled (those are `projects_stalled`)."
    )
    projects_stalled = serializers.FloatField(
        help_text="Open at the period's end but stalled: no data, PDSA cycle or edit for "
        "about six months."
    )
    projects_started_by_topic = serializers.DictField(child=serializers.FloatField())
    projects_active_by_topic = serializers.DictField(child=serializers.FloatField())
    projects_stalled_by_topic = serializers.DictField(child=serializers.FloatField())
    projects_started_by_setting = serializers.DictField(child=serializers.FloatField())
    staff_trained = _group(
        "StaffTrained",
        (
            "qi_capability",
            "safety_culture",
            "safety_leadership",
            "measurement",
            "human_factors",
            "other",
        ),
    )()
    qi_capability_by_level = serializers.DictField(child=serializers.FloatField())
    patients_trained = serializers.FloatField()
    champions_recruited = _group(
        "ChampionsRecruited", ("patient_safety_champion", "q_fellow", "qi_expert")
    )()
    organisations_engaged = _group(
        "OrganisationsEngaged", ("care_home", "primary_care", "provider", "other")
    )()
    culture_assessments = serializers.FloatField()
    measures_improving = serializers.FloatField()
    measures_concern = serializers.FloatField()
    harm_avoided_estimate = serializers.FloatField(allow_null=True)
    # Spreading what works (the learning system; reporting/rollups/spread.py).
    changes_published = serializers.FloatField(
        help_text="Catalogue entries published in the period, where their owner is (a region, "
        "or each lead region of the owning programme; national programmes' in England only)."
    )
    changes_in_catalogue = serializers.FloatField(
        help_text="Catalogue entries published by the end of the period."
    )
    organisations_adopting = AdoptingSerializer(
        help_text="Organisations that began adopting a change or a change package in the period "
        "(an adoption testing, implemented or sustained, by its adopted_on), in their home region."
    )
    organisations_adopting_at_end = AdoptingSerializer(
        help_text="Organisations adopting at least one change at the end of the period."
    )
    programmes_active = serializers.FloatField(
        help_text="Collaborative programmes (not planned) whose dates overlap the period, in each "
        "lead region and once in England; national programmes in England only."
    )
    member_teams = serializers.FloatField(
        help_text="Projects that were members of a programme during the period, each once, "
        "in their lead region."
    )
    # Stories in the public archive (reporting/rollups/stories.py).
    stories_published = serializers.FloatField(
        help_text="Stories first published in the archive in the period and published now (a "
        "withdrawn story no longer counts), in the lead region of the story's project; England "
        "counts each once."
    )
    stories_in_archive = serializers.FloatField(
        help_text="Stories first published by the end of the period and published now: by "
        "current status, so one withdrawn today counts at no period's end."
    )
    projects_from_stories = serializers.FloatField(
        help_text="Projects started from a published story in the period, in the new project's "
        "lead region."
    )
    refreshed_at = serializers.DateTimeField(allow_null=True)


class NationalFiguresSerializer(FiguresSerializer):
    regions = FiguresSerializer(
        many=True,
        help_text="Each region this user may see in detail: "
        "all for national users, those they lead "
        "for regional leads, none otherwise.",
    )


PERIOD_PARAMETERS = [
    OpenApiParameter(
        "financial_year",
        str,
        description="e.g. 2016-17; this year's by default.",
        pattern=r"^\d{4}-\d{2}$",
    ),
    OpenApiParameter(
        "quarter",
        int,
        description="1 (April to June) to 4; the whole year when absent.",
        enum=[1, 2, 3, 4],
    ),
]


def _year(request) -> str:
    raw = request.query_params.get("financial_year")
    if not raw:
        return financial_year(timezone.localdate())
    if not is_year_name(raw.strip()):
        raise ValidationError({"financial_year": ["Give a financial year like 2016-17"]})
    return raw.strip()


def _quarter(request) -> int:
    raw = request.query_params.get("quarter")
    if raw in (None, ""):
        return 0
    if raw.strip() not in ("1", "2", "3", "4"):
        raise ValidationError({"quarter": ["Give a quarter from 1 (April to June) to 4"]})
    return int(raw)


def _document(scope, year, quarter, flat, refreshed) -> dict:
    return {
        "scope": scope,
        "financial_year": year,
        "quarter": quarter or None,
        **figures_document(flat),
        "refreshed_at": refreshed,
    }


class NationalMetricsView(ApiView, APIView):
    reads_from_replica = True

    @extend_schema(
        summary="England's figures",
        parameters=PERIOD_PARAMETERS,
        responses=NationalFiguresSerializer,
        tags=["metrics"],
    )
    def get(self, request):
        year, quarter = _year(request), _quarter(request)
        by_scope = read.figures_by_scope(year, quarter)
        last = read.last_refresh()
        refreshed = last.finished_at.isoformat() if last else None
        document = _document(NATIONAL, year, quarter, by_scope.get(NATIONAL, {}), refreshed)
        document["regions"] = [
            _document(region.slug, year, quarter, by_scope.get(region.slug, {}), refreshed)
            for region in access.regions_with_figures_visible_to(request.user)
        ]
        return Response(document)


class RegionMetricsView(ApiView, APIView):
    reads_from_replica = True

    @extend_schema(
        summary="One region's figures",
        parameters=PERIOD_PARAMETERS,
        responses=FiguresSerializer,
        tags=["metrics"],
    )
    def get(self, request, slug):
        region = visible_or_404(
            regions_access.regions_visible_to(request.user),
            f"There is no regional collaborative called '{slug}'.",
            slug=slug,
        )
        refuse_unless(
            access.can_see_region_figures(request.user, region),
            f"Only {region.name}'s regional leads and national users can see "
            f"{region.name}'s figures; England's are at /api/v1/metrics/national/.",
        )
        year, quarter = _year(request), _quarter(request)
        return Response(read.figures(region.slug, year, quarter))
