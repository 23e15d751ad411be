"""Factories for the tests of `cms`."""

from django.conf import settings
from django.contrib.auth.models import Group

from wagtail.models import Locale

import factory
from allauth.account.models import EmailAddress

from cms.roles import RESIDENTS
from cms.taxonomy import FieldOfAction


class UserFactory(factory.django.DjangoModelFactory):
    """A resident with a verified email address, as after a completed sign-up."""

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(settings.DEMO_PASSWORD)

    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=extracted or RESIDENTS))


def german():
    return Locale.objects.get_or_create(language_code="de")[0]


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"feld-{n}")
    description = "Worum es in diesem Handlungsfeld geht."
    locale = factory.LazyFunction(german)

    class Meta:
        model = FieldOfAction
        django_get_or_create = ("slug", "locale")
