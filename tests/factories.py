"""One factory per model; tests name only the fields that matter to them."""

from datetime import date

import factory
from django.utils import timezone

from measurement.models import Measure
from projects.models import (
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectStatus,
    SecondaryDriver,
    Topic,
)
from regions.models import Organisation, OrganisationType, Region, User


def region(slug: str) -> Region:
    """The 15 regions come from a migration, so tests look them up rather than create them."""
    return Region.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def led_regions(self, create, slugs, **kwargs):
        if create and slugs:
            self.led_regions.set(Region.objects.filter(slug__in=slugs))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    ods_code = factory.Sequence(lambda n: f"T{n:05d}")
    type = OrganisationType.ACUTE_TRUST
    region = factory.LazyFunction(lambda: region("wessex"))


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project saved directly (no service), for tests that need one to exist."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test project {n}")
    lead_region = factory.LazyFunction(lambda: region("wessex"))
    topic = Topic.FALLS
    status = ProjectStatus.ACTIVE
    start_date = date(2016, 6, 1)
    status_since = factory.SelfAttribute("start_date")
    aim_what = "Falls with harm"


class ProjectMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMember

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectRole.MEMBER


class PrimaryDriverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrimaryDriver

    project = factory.SubFactory(ProjectFactory)
    text = factory.Sequence(lambda n: f"Primary driver {n}")
    position = factory.Sequence(lambda n: n)


class SecondaryDriverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecondaryDriver

    primary_driver = factory.SubFactory(PrimaryDriverFactory)
    text = factory.Sequence(lambda n: f"Secondary driver {n}")
    position = factory.Sequence(lambda n: n)


class ChangeIdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeIdea
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    text = factory.Sequence(lambda n: f"Change idea {n}")
    position = factory.Sequence(lambda n: n)


class PDSACycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PDSACycle

    change_idea = factory.SubFactory(ChangeIdeaFactory)
    project = factory.SelfAttribute("change_idea.project")
    title = factory.Sequence(lambda n: f"Cycle {n}")
    objective = "Test the change on one ward for one week"
    start_date = date(2016, 7, 4)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    kind = "outcome"
    definition = "What is counted, exactly"
    data_type = "continuous"
    chart = "xmr"
    rules = "mdc"
    improvement = "increase"


# The learning system -----------------------------------------------------------------------------


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme saved directly; `lead_regions=["wessex", ...]` and `leads=[user]` set them."""

    class Meta:
        model = "learning.Programme"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test collaborative {n}")
    slug = factory.Sequence(lambda n: f"test-collaborative-{n}")
    topic = Topic.FALLS
    method = "breakthrough_series"
    status = "active"
    start_date = date(2016, 4, 1)
    end_date = date(2017, 3, 31)
    aim_what = "Falls with harm"

    @factory.post_generation
    def lead_regions(self, create, slugs, **kwargs):
        if create and slugs:
            self.lead_regions.set(Region.objects.filter(slug__in=slugs))

    @factory.post_generation
    def leads(self, create, users, **kwargs):
        if create and users:
            self.leads.set(users)


class ProgrammeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.ProgrammeMember"

    programme = factory.SubFactory(ProgrammeFactory)
    project = factory.SubFactory(ProjectFactory)
    joined_on = factory.SelfAttribute("programme.start_date")


class LearningSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.LearningSession"

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Learning session {n}")
    held_on = date(2016, 6, 15)


class ChangeEntryFactory(factory.django.DjangoModelFactory):
    """A published entry owned by Wessex unless told otherwise."""

    class Meta:
        model = "learning.ChangeEntry"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test change {n}")
    slug = factory.Sequence(lambda n: f"test-change-{n}")
    description = "What the change is and how to make it"
    topic = Topic.FALLS
    owner_region = factory.LazyFunction(lambda: region("wessex"))
    status = "published"
    published_on = date(2016, 5, 1)


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.Adoption"

    organisation = factory.SubFactory(OrganisationFactory)
    entry = factory.SubFactory(ChangeEntryFactory)
    adopted_on = date(2016, 9, 1)
    status = "implemented"


class ProjectLearningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.ProjectLearning"

    project = factory.SubFactory(ProjectFactory)
    summary = "Handover of swab counts became part of every shift change."
    what_worked = "A line in the handover script."
    what_did_not = "Posters alone."
    advice = "Start with one ward and the night shift."
    sustain = "The count is audited monthly."
    spread_plan = "Every maternity unit in the region by next spring."


class ReportedOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "learning.ReportedOutcome"

    project = factory.SubFactory(ProjectFactory)
    kind = "saving"
    description = "Bed-days released"
    amount = 300000
    unit = "£"
    period = "a year"
    cash_releasing = False
    estimation = "Bed-days saved times the trust's reference cost of a bed-day."
    source = "The trust's finance team"


class StoryFactory(factory.django.DjangoModelFactory):
    """A draft story unless told otherwise; published ones get their dates from `published`."""

    class Meta:
        model = "learning.Story"
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    slug = factory.Sequence(lambda n: f"test-story-{n}")
    status = "draft"

    class Params:
        published = factory.Trait(
            status="published",
            published_at=factory.LazyFunction(timezone.now),
            first_published_at=factory.LazyFunction(timezone.now),
        )
