"""One factory per model; tests name only the fields that matter to them."""

from datetime import date

import factory

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
