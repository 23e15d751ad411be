"""The action groups of the demo: groups with leads, members and a waiting request, their
undertakings with dated updates, needs (one met) and offers, comments on one group, an update
a resident reported, and a lead's registration of their group for an event."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command

from participation import services
from participation.models import (
    ActionGroup,
    BoardEntry,
    Comment,
    EventRegistration,
    GroupUpdate,
    Membership,
    Proposal,
    Undertaking,
)
from visions.models import VisionPage

from ..content import events
from ..content.groups import ACCOUNTS, GROUP_REGISTRATION, GROUPS, REPORTED_UPDATE
from ..content.processes import RESIDENTS
from .dates import at_noon


class ActionGroups:
    """Mixin of the ``load_demo_content`` command, run after the participation demo (it needs
    the demo residents, proposals and visions, the places and events).

    Expects ``self.count()``, ``self.page()``, ``self.fields`` and ``self.today`` of
    :class:`~demo.loaders.editorial.EditorialContent`. Creates nothing when any group exists,
    so that editors' and residents' changes survive a second run.
    """

    def action_groups(self):
        if ActionGroup.objects.exists():
            return
        self.people = self.group_people()
        groups = {spec["key"]: self.create_group(spec) for spec in GROUPS}
        self.report_update(groups)
        self.register_group(groups)
        # Rows inserted in bulk tell the site search nothing: index anew.
        call_command("update_index", site_search_only=True, verbosity=0)

    def group_people(self):
        """{key: user} of the demo residents and the two demo accounts that take part."""
        emails = {key: email for key, email, _name in RESIDENTS} | ACCOUNTS
        users = {u.email: u for u in get_user_model().objects.filter(email__in=emails.values())}
        return {key: users[email] for key, email in emails.items() if email in users}

    def moment(self, days):
        """Noon ``days`` from today (negative: in the past)."""
        return at_noon(self.today + datetime.timedelta(days=days))

    def create_group(self, spec):
        founder = spec["members"][0][0]
        point = spec["point"]
        vision = self.vision(spec["vision"])
        proposal = (
            Proposal.objects.filter(title=spec["proposal"]).first() if spec["proposal"] else None
        )
        group = ActionGroup.objects.create(
            name=spec["name"],
            purpose=spec["purpose"],
            municipality=spec["municipality"],
            latitude=Decimal(point[0]) if point else None,
            longitude=Decimal(point[1]) if point else None,
            joining=spec["joining"],
            seeks_members=spec["seeks_members"],
            featured=spec["featured"],
            vision=vision,
            proposal=proposal,
            author=self.people[founder],
            moderation=ActionGroup.Moderation.PUBLISHED,
            created_at=self.moment(spec["founded"]),
        )
        group.fields_of_action.set(self.field_objects(spec["fields"]))
        self.count(group, True, "action groups", group.name)
        self.memberships(group, spec)
        self.undertakings(group, spec)
        self.board(group, spec)
        self.group_comments(group, spec)
        return group

    def vision(self, slug):
        if slug is None:
            return None
        return VisionPage.objects.filter(slug=slug, locale__language_code="de").first()

    def memberships(self, group, spec):
        State = Membership.State
        rows = []
        for person, role, state, days, message in spec["members"]:
            since = self.moment(days)
            # In a group that takes requests, the leads accepted everyone after the founders.
            accepted = (
                group.joining == ActionGroup.Joining.REQUEST
                and role == Membership.Role.MEMBER
                and state == State.ACTIVE
            )
            rows.append(
                Membership(
                    group=group,
                    user=self.people[person],
                    role=role,
                    state=state,
                    message=message,
                    created_at=since,
                    decided_at=since + datetime.timedelta(days=1) if accepted else None,
                )
            )
        Membership.objects.bulk_create(rows)
        # The count equals the active memberships, as the services keep it.
        group.member_count = sum(row.state == State.ACTIVE for row in rows)
        ActionGroup.objects.filter(pk=group.pk).update(member_count=group.member_count)
        self.created["memberships"] += len(rows)

    def undertakings(self, group, spec):
        for title, description, status, vision_slug, updates in spec["undertakings"]:
            undertaking = Undertaking.objects.create(
                group=group,
                title=title,
                description=description,
                status=status,
                vision=self.vision(vision_slug),
                created_at=group.created_at,
            )
            self.count(undertaking, True, "undertakings", title)
            for author, days, update_title, text in updates:
                update = GroupUpdate.objects.create(
                    group=group,
                    undertaking=undertaking,
                    author=self.people[author],
                    title=update_title,
                    text=text,
                    moderation=GroupUpdate.Moderation.PUBLISHED,
                    created_at=self.moment(days),
                )
                self.count(update, True, "group updates", update_title)

    def board(self, group, spec):
        entries = [
            BoardEntry(
                kind=BoardEntry.Kind.NEED,
                group=group,
                author=self.people[author],
                category=category,
                field_of_action=self.fields[field],
                municipality=group.municipality,
                title=title,
                description=description,
                closed_at=self.moment(met) if met is not None else None,
                moderation=BoardEntry.Moderation.PUBLISHED,
                created_at=group.created_at + datetime.timedelta(days=number + 1),
            )
            for number, (author, category, field, title, description, met) in enumerate(
                spec["needs"]
            )
        ]
        entries += [
            BoardEntry(
                kind=BoardEntry.Kind.OFFER,
                group=group if for_group else None,
                author=self.people[author],
                category=category,
                field_of_action=self.fields[field],
                municipality=municipality,
                title=title,
                description=description,
                moderation=BoardEntry.Moderation.PUBLISHED,
                created_at=self.moment(-3 - number),
            )
            for number, (author, for_group, category, field, municipality, title, description) in (
                enumerate(spec["offers"])
            )
        ]
        BoardEntry.objects.bulk_create(entries)
        self.created["needs"] += len(spec["needs"])
        self.created["offers"] += len(spec["offers"])

    def group_comments(self, group, spec):
        """Comments through the service, as residents would write them; the group's count is
        set from the published comments, whether or not the service counts them itself."""
        if not spec["comments"]:
            return
        for author, text in spec["comments"]:
            services.create_comment(self.people[author], group, text)
        ActionGroup.objects.filter(pk=group.pk).update(
            comment_count=Comment.objects.on(group).published().count()
        )
        self.created["comments on groups"] += len(spec["comments"])

    def report_update(self, groups):
        """One resident reports an update: below the threshold it stays published, and the
        moderators find the open report in their queue."""
        key, title, reporter, reason, note = REPORTED_UPDATE
        update = GroupUpdate.objects.get(group=groups[key], title=title)
        services.report(self.people[reporter], update, reason, note)
        self.count(update, True, "reported group updates")

    def register_group(self, groups):
        """A lead registers their group for an event, with places for three members."""
        slug, key, lead, places, note = GROUP_REGISTRATION
        event = self.page(f"{events.INDEX['slug']}/{slug}")
        user = self.people[lead]
        if event is None or EventRegistration.objects.for_event(event).filter(user=user).exists():
            return
        EventRegistration.objects.create(
            event_id=event.pk,
            user=user,
            status=EventRegistration.Status.CONFIRMED,
            group=groups[key],
            places=places,
            note=note,
        )
        self.count(event, True, "group registrations", f"{groups[key]} for {event.title}")
