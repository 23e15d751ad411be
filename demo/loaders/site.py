"""The site around the demo content: its address, the footer and main navigation settings, the
publishing workflow, the roles' demo accounts and the registrations for the fully booked event."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from allauth.account.models import EmailAddress

from cms.models import FooterSettings, NavigationSettings
from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS, RESIDENTS
from home.models import HomePage
from participation.models import EventRegistration
from participation.rules import ParticipationError
from participation.services import register as register_for_event

from ..content import events
from ..content.pages import WAYS_TO_TAKE_PART

DEMO_ACCOUNTS = [
    # email, display name, group, superuser
    ("admin@example.org", "Admin", None, True),
    ("redaktion@example.org", "Redaktion LANDVORTEIL", EDITORS, False),
    ("chefredaktion@example.org", "Chefredaktion LANDVORTEIL", LEAD_EDITORS, False),
    ("moderation@example.org", "Moderation LANDVORTEIL", MODERATORS, False),
    ("bewohnerin@example.org", "Hanna aus Gadebusch", RESIDENTS, False),
    ("jonas@example.org", "Jonas aus Mölln", RESIDENTS, False),
    # A resident to try deleting an account with (demo.content.accounts).
    ("paul@example.org", "Paul aus Büchen", RESIDENTS, False),
]

MAIN_MENU = [
    "beteiligung",
    "zielbilder",
    ("area", "action_groups"),
    "handlungsfelder",
    "geschichten",
    "veranstaltungen",
    "orte",
    "handlungspfade",
    "ueber-das-buendnis",
]

# Where ``make run`` serves the demo (its PORT, 8000 by default): absolute links (canonical,
# hreflang, sitemap, e-mails) point there.
DEMO_HOSTNAME = "127.0.0.1"
# Host names of a site that only runs on this machine: the demo may move it to its address.
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "[::1]"}


# The fields of a card that make it a link (cms.blocks.CardBlock).
LINKS = ("page", "area", "external_url")


def demo_port():
    return int(os.environ.get("PORT") or 8000)


# Wagtail's default workflow (its task renamed by cms/migrations/0003_roles.py) is kept if it is
# active; these names are used only when the command has to set one up.
WORKFLOW_NAME = "Redaktionelle Freigabe"
APPROVAL_TASK_NAME = "Freigabe durch die Chefredaktion"


class SiteSetup:
    """Mixin of the ``load_demo_content`` command, after :class:`~demo.loaders.editorial.
    EditorialContent` (it uses its ``page()`` and ``count()``)."""

    existing_accounts = False

    def address(self, site):
        """The site's host and port become where the demo is served; a site configured for a
        real host name keeps it."""
        if site.hostname not in LOCAL_HOSTNAMES:
            return
        if (site.hostname, site.port) == (DEMO_HOSTNAME, demo_port()):
            return
        site.hostname, site.port = DEMO_HOSTNAME, demo_port()
        site.save(update_fields=["hostname", "port"])
        self.count(site, True, "site address", site.root_url)

    def ways_to_take_part(self):
        """Link the home pages' "ways to take part" cards to their sections: only cards without
        a link, so that editors' links stay and a second run changes nothing. Runs after the
        participation pages exist (one card leads there)."""
        targets = {}
        for (german, english), (kind, target), (label_de, label_en) in WAYS_TO_TAKE_PART:
            link = {"page": self.page(target).pk} if kind == "page" else {"area": target}
            targets["de", german] = {**link, "link_label": label_de}
            targets["en", english] = {**link, "link_label": label_en}
        homes = HomePage.objects.filter(translation_key=self.home.translation_key)
        for home in homes.select_related("locale"):
            if home.has_unpublished_changes:
                continue  # an editor's draft is theirs to publish
            body = list(home.body.raw_data)
            linked = 0
            for block in body:
                if block["type"] != "card_grid":
                    continue
                for item in block["value"]["cards"]:
                    card = item["value"]
                    target = targets.get((home.locale.language_code, card.get("title")))
                    if target is None or any(card.get(name) for name in LINKS):
                        continue
                    card.update(target)
                    linked += 1
            if linked:
                home.body = body
                home.save_revision().publish()
                self.count(home, True, "home page links", f"{linked} cards on {home.title}")

    def footer(self, site):
        footer = FooterSettings.for_site(site)
        if footer.imprint_page_id or footer.privacy_page_id or footer.accessibility_page_id:
            return
        footer.imprint_page = self.page("impressum")
        footer.privacy_page = self.page("datenschutz")
        footer.accessibility_page = self.page("barrierefreiheit")
        footer.contact_email = "kontakt@example.org"
        footer.save()

    def navigation(self, site):
        navigation = NavigationSettings.for_site(site)
        if len(navigation.main_menu):
            return
        navigation.main_menu = [
            entry if isinstance(entry, tuple) else ("page", self.page(entry)) for entry in MAIN_MENU
        ]
        navigation.save()
        self.count(navigation, True, "main navigation")

    def workflow(self):
        """Editors submit, lead editors approve: an active workflow on the root page."""
        root = Page.get_first_root_node()
        assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if assigned is not None and assigned.workflow.active:
            return
        task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        task.active = True
        task.save()
        task.groups.add(Group.objects.get(name=LEAD_EDITORS))
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        workflow.active = True
        workflow.save()
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        self.count(workflow, True, "publishing workflow")

    def accounts(self):
        User = get_user_model()
        for email, display_name, group, superuser in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                create = User.objects.create_superuser if superuser else User.objects.create_user
                user = create(email, settings.DEMO_PASSWORD, display_name=display_name)
                self.count(user, True, "accounts", email)
            else:
                self.existing_accounts = True
            if group is not None:
                user.groups.add(Group.objects.get(name=group))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )

    def registrations(self):
        """Demo residents book the places of the fully booked event, once."""
        User = get_user_model()
        for spec in events.EVENTS:
            if not spec.get("registrations"):
                continue
            event = self.page(f"{events.INDEX['slug']}/{spec['slug']}")
            if EventRegistration.objects.filter(event_id=event.pk).exists():
                continue
            for email in spec["registrations"]:
                try:
                    register_for_event(User.objects.get(email=email), event)
                except ParticipationError:
                    # The event may have passed since it was created; nothing to book then.
                    continue
                self.count(event, True, "registrations", f"{email} for {event.title}")
