"""The demo residents, their proposals in both processes and their supports, inserted in bulk."""

import datetime
import random
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from allauth.account.models import EmailAddress

from cms.roles import RESIDENTS as RESIDENTS_GROUP
from participation.models import Proposal, Support

from ..content.processes import COLLECTING, RESIDENTS, RUNNING
from ..content.proposals import (
    COLLECTING_PROPOSALS,
    FINISHED_PROPOSALS,
    RUNNING_PROPOSALS,
    UNDER_REVIEW,
)
from .dates import at_noon


class ProposalsAndSupports:
    """Mixin of the ``load_vision_demo`` command: residents, then proposals and supports of a
    process that has none yet. Expects ``self.count()``, ``self.residents`` and ``self.today``."""

    # --- Residents, proposals, supports ---------------------------------------------------------

    def create_residents(self):
        """{key: user}: verified residents with the demo password (hashed once for all)."""
        User = get_user_model()
        emails = [email for _key, email, _name in RESIDENTS]
        existing = {user.email: user for user in User.objects.filter(email__in=emails)}
        password = make_password(settings.DEMO_PASSWORD)
        # They signed up over the last eleven months, one every few days, so that the editors'
        # statistics show new residents per month.
        new = [
            User(
                email=email,
                display_name=name,
                password=password,
                date_joined=at_noon(self.today - datetime.timedelta(days=330 - 11 * number)),
            )
            for number, (_key, email, name) in enumerate(RESIDENTS)
            if email not in existing
        ]
        if new:
            User.objects.bulk_create(new)
            created = User.objects.filter(email__in=[user.email for user in new])
            group = Group.objects.get(name=RESIDENTS_GROUP)
            group.user_set.add(*created)
            EmailAddress.objects.bulk_create(
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in created
            )
            self.count("demo residents", len(new))
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        return {key: users[email] for key, email, _name in RESIDENTS}

    def location(self, point):
        if point is None:
            return {}
        return {"latitude": Decimal(point[0]), "longitude": Decimal(point[1])}

    def proposal(self, process, author, field, municipality, point, title, summary, text, **extra):
        """An unsaved proposal of ``process`` from the content's fields (keys of the residents
        and fields of action, a point or None)."""
        return Proposal(
            process_id=process.pk,
            author=self.residents[author],
            title=title,
            summary=summary,
            text=text,
            field_of_action=self.fields[field],
            municipality=municipality,
            **extra,
            **self.location(point),
        )

    def insert_proposals(self, process, proposals, created_at):
        """Save ``proposals`` in one query; ``created_at`` (one per proposal) replaces the
        automatic timestamps afterwards, in one more."""
        Proposal.objects.bulk_create(proposals)
        saved = list(Proposal.objects.filter(process_id=process.pk).order_by("pk"))
        for proposal, moment in zip(saved, created_at, strict=True):
            proposal.created_at = proposal.updated_at = moment
        Proposal.objects.bulk_update(saved, ["created_at", "updated_at"])
        self.count("proposals", len(saved))
        return saved

    def insert_supports(self, process, supporters):
        """``supporters``: {proposal: [user, …]}; sets the counts and qualification to match."""
        threshold = process.qualified_threshold
        supports = []
        for proposal, users in supporters.items():
            supports += [
                Support(proposal=proposal, user=user, process_id=process.pk) for user in users
            ]
            proposal.support_count = len(users)
            if threshold and len(users) >= threshold:
                proposal.qualified_at = proposal.created_at + datetime.timedelta(days=40)
        Support.objects.bulk_create(supports)
        # Given on the days between the proposal's submission and today (not all today), so
        # that the editors' statistics show supports over the weeks.
        now = at_noon(self.today)
        for number, support in enumerate(supports):
            submitted = support.proposal.created_at
            if submitted < now:
                support.created_at = submitted + (now - submitted) * (number * 37 % 100) / 100
        Support.objects.bulk_update(supports, ["created_at"], batch_size=500)
        Proposal.objects.bulk_update(list(supporters), ["support_count", "qualified_at"])
        self.count("supports", len(supports))

    def running_proposals(self, process):
        if Proposal.objects.filter(process_id=process.pk).exists():
            return
        first_day = self.today + datetime.timedelta(days=RUNNING["phases"][0][2])
        proposals, created_at, weights = [], [], []
        for number, spec in enumerate(RUNNING_PROPOSALS):
            author, field, municipality, point, popularity, title, summary, text = spec
            state = (
                Proposal.State.UNDER_REVIEW if title in UNDER_REVIEW else Proposal.State.SUBMITTED
            )
            proposals.append(
                self.proposal(
                    process, author, field, municipality, point, title, summary, text, state=state
                )
            )
            created_at.append(
                at_noon(first_day + datetime.timedelta(days=number))
                + datetime.timedelta(minutes=37 * number)
            )
            weights.append(popularity**2)
        saved = self.insert_proposals(process, proposals, created_at)

        # Every resident spends their budget on proposals of others, the popular ones more often.
        rng = random.Random(2040)  # noqa: S311 - a fixed seed for repeatable demo content
        supporters = {proposal: [] for proposal in saved}
        for user in self.residents.values():
            candidates = [
                (proposal, weight)
                for proposal, weight in zip(saved, weights, strict=True)
                if proposal.author_id != user.pk
            ]
            for _ in range(process.support_budget):
                proposal = rng.choices(
                    [proposal for proposal, _w in candidates], [w for _p, w in candidates]
                )[0]
                supporters[proposal].append(user)
                candidates = [(p, w) for p, w in candidates if p is not proposal]
        self.insert_supports(process, supporters)

    def collecting_proposals(self, process):
        """The first proposals of the process in its proposal phase, submitted in its first
        days; without supports (that phase comes later)."""
        if Proposal.objects.filter(process_id=process.pk).exists():
            return
        first_day = self.today + datetime.timedelta(days=COLLECTING["phases"][0][2])
        proposals, created_at = [], []
        for spec in COLLECTING_PROPOSALS:
            author, field, municipality, point, day, title, summary, text = spec
            proposals.append(
                self.proposal(process, author, field, municipality, point, title, summary, text)
            )
            created_at.append(at_noon(first_day + datetime.timedelta(days=day)))
        self.insert_proposals(process, proposals, created_at)

    def finished_proposals(self, process):
        """{title: proposal} of the finished process, answered officially."""
        existing = Proposal.objects.filter(process_id=process.pk)
        if existing.exists():
            return {proposal.title: proposal for proposal in existing}
        proposals, created_at = [], []
        for number, spec in enumerate(FINISHED_PROPOSALS):
            (
                author,
                field,
                municipality,
                point,
                _supporters,
                state,
                title,
                summary,
                text,
                answer,
                answered,
            ) = spec
            proposals.append(
                self.proposal(
                    process,
                    *(author, field, municipality, point, title, summary, text),
                    state=state,
                    answer=answer,
                    answered_at=at_noon(datetime.date.fromisoformat(answered)),
                )
            )
            created_at.append(at_noon(datetime.date(2025, 3, 3 + 4 * number)))
        saved = self.insert_proposals(process, proposals, created_at)
        # Supporters taken in turn, so that nobody goes over the budget.
        people = list(self.residents.values())
        used = Counter()
        supporters = {}
        for proposal, spec in zip(saved, FINISHED_PROPOSALS, strict=True):
            wanted = spec[4]
            chosen = [
                user
                for user in sorted(people, key=lambda user: (used[user.pk], user.pk))
                if user.pk != proposal.author_id
            ][:wanted]
            used.update(user.pk for user in chosen)
            supporters[proposal] = chosen
        self.insert_supports(process, supporters)
        return {proposal.title: proposal for proposal in saved}
