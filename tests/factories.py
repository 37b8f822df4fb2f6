"""One factory per model; tests name only the fields that matter to them."""

import factory

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
