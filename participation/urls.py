from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "participation"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "my-registrations/"),
        include(
            [
                path("", views.my_registrations, name="my_registrations"),
                path(
                    "<int:event_id>/cancel/",
                    views.cancel_from_list,
                    name="cancel_registration",
                ),
            ]
        ),
    ),
]
