"""A project's learning, its reported outcomes and the impacts computed from its charts, for
signed-in users and partners' tokens (/api/v1/projects/{project_id}/learning/, /outcomes/,
/impacts/ and /api/v1/outcomes/{id}/).

Everyone signed in reads them; the project's editors write them (learning.services.stories
checks, whoever calls). Refusals: 403 for whoever may not write, whatever the body; 400 naming
each bad field.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.api.views import ApiView
from core.lookup import visible_or_404
from learning.api.story_serializers import (
    LearningSerializer,
    OutcomeSerializer,
    ProjectImpactsSerializer,
)
from learning.models import ProjectLearning
from learning.presenters.impacts import impact_document, impacts_by_measure
from learning.services import permissions
from learning.services import stories as services
from measurement import access as measurement_access
from projects import access as projects_access

TAGS = ["stories"]
PROJECT_ID = OpenApiParameter(
    "project_id", int, OpenApiParameter.PATH, description="The project's id."
)
OUTCOME_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The reported outcome's id."
)


def project_or_404(user, project_id):
    return visible_or_404(
        projects_access.projects_visible_to(user),
        f"There is no project with the id {project_id}.",
        pk=project_id,
    )


def outcome_or_404(user, outcome_id):
    project = projects_access.projects_visible_to(user).filter(reported_outcomes__pk=outcome_id)
    project = project.first()
    if project is None:
        raise NotFound(f"There is no reported outcome with the id {outcome_id}.")
    return project.reported_outcomes.select_related("project", "recorded_by").get(pk=outcome_id)


class SingleResource:
    """A single resource, not a list: no pagination or list filters in the schema."""

    pagination_class = None
    filter_backends = []


# The learning --------------------------------------------------------------------------------


def learning_of(project) -> ProjectLearning:
    try:
        return project.learning
    except ProjectLearning.DoesNotExist:
        return ProjectLearning(project=project)  # nothing written yet: every field empty


@extend_schema_view(
    get=extend_schema(summary="What the project learned", parameters=[PROJECT_ID], tags=TAGS),
    put=extend_schema(
        summary="Write the project's learning (a field left out is emptied)",
        parameters=[PROJECT_ID],
        tags=TAGS,
    ),
    patch=extend_schema(
        summary="Change some fields of the project's learning", parameters=[PROJECT_ID], tags=TAGS
    ),
)
class ProjectLearningView(SingleResource, ApiView, generics.GenericAPIView):
    serializer_class = LearningSerializer
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get(self, request, project_id):
        return self._answer(project_id)

    def put(self, request, project_id):
        return self._save(request, project_id, partial=False)

    def patch(self, request, project_id):
        return self._save(request, project_id, partial=True)

    def _save(self, request, project_id, *, partial):
        project = project_or_404(request.user, project_id)
        permissions.check_may_write_learning(request.user, project)
        body = LearningSerializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        if not partial:
            values = {name: values.get(name, "") for name in ProjectLearning.TEXT_FIELDS}
        services.save_learning(by=request.user, project=project, **values)
        return self._answer(project_id)

    def _answer(self, project_id):
        project = project_or_404(self.request.user, project_id)
        return Response(LearningSerializer(learning_of(project)).data)


# Reported outcomes ---------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="The results the team reports",
        responses=OutcomeSerializer(many=True),
        parameters=[PROJECT_ID],
        tags=TAGS,
    ),
    post=extend_schema(
        summary="Report a result (a saving or another outcome)",
        description="Give at least `description`. Shown as reported: never summed with the "
        "figures computed from the charts.",
        parameters=[PROJECT_ID],
        tags=TAGS,
    ),
)
class ProjectOutcomesView(SingleResource, ApiView, generics.GenericAPIView):
    serializer_class = OutcomeSerializer

    def get(self, request, project_id):
        project = project_or_404(request.user, project_id)
        outcomes = project.reported_outcomes.select_related("recorded_by")
        return Response(OutcomeSerializer(outcomes, many=True).data)

    def post(self, request, project_id):
        project = project_or_404(request.user, project_id)
        permissions.check_may_write_learning(request.user, project)
        body = OutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = services.add_outcome(by=request.user, project=project, **body.validated_data)
        fresh = outcome_or_404(request.user, outcome.pk)
        return Response(OutcomeSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="One reported outcome", parameters=[OUTCOME_ID], tags=TAGS),
    patch=extend_schema(summary="Change a reported outcome", parameters=[OUTCOME_ID], tags=TAGS),
    delete=extend_schema(summary="Remove a reported outcome", parameters=[OUTCOME_ID], tags=TAGS),
)
class OutcomeView(SingleResource, ApiView, generics.GenericAPIView):
    serializer_class = OutcomeSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get(self, request, pk):
        return Response(OutcomeSerializer(outcome_or_404(request.user, pk)).data)

    def patch(self, request, pk):
        outcome = outcome_or_404(request.user, pk)
        permissions.check_may_write_learning(request.user, outcome.project)
        body = OutcomeSerializer(outcome, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.update_outcome(by=request.user, outcome=outcome, **body.validated_data)
        return Response(OutcomeSerializer(outcome_or_404(request.user, pk)).data)

    def delete(self, request, pk):
        outcome = outcome_or_404(request.user, pk)
        permissions.check_may_write_learning(request.user, outcome.project)
        services.remove_outcome(by=request.user, outcome=outcome)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Impacts -------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="Impacts computed from the project's charts",
        description="For each measure, what changed between its phases: from X to Y (display "
        "units: 27.0 for 27%), one event every N days to one every M, days since the last "
        "event, whether the target is met reliably, harms avoided.",
        parameters=[PROJECT_ID],
        tags=TAGS,
    )
)
class ProjectImpactsView(SingleResource, ApiView, generics.GenericAPIView):
    serializer_class = ProjectImpactsSerializer

    def get(self, request, project_id):
        project = project_or_404(request.user, project_id)
        measures = list(
            measurement_access.measures_visible_to(request.user).filter(project=project)
        )
        by_measure = impacts_by_measure(measures)
        impacts = [
            impact_document(measure, impact)
            for measure in measures
            for impact in by_measure.get(measure.pk, [])
        ]
        return Response({"project": project.pk, "impacts": impacts})
