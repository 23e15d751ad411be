from django.conf import settings
from django.contrib.auth.models import Group

import factory
import wagtail_factories
from allauth.account.models import EmailAddress

from cms.roles import RESIDENTS
from home.models import StandardPage


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


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    intro = "Einleitung"

    class Meta:
        model = StandardPage
