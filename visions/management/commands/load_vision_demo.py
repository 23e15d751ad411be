"""Load the demo participation: the process and vision index pages (German and English), a
running process in its support phase with about 30 proposals and supports from demo residents,
and a finished process whose accepted proposals became two visions with implementation updates.

Idempotent like ``load_demo_content`` (which calls it): pages are found by their slug below their
parent, residents by email; a process that already has proposals gets none added.
"""

import datetime
import random
from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from allauth.account.models import EmailAddress

from cms.roles import MODERATORS, RESIDENTS
from cms.taxonomy import FieldOfAction
from home.demo_images import landscape_image
from home.models import HomePage
from participation import services
from participation.models import Comment, Poll, PollChoice, Proposal, Support
from visions import demo
from visions.models import (
    ProcessIndexPage,
    ProcessPage,
    ProcessPhase,
    VisionIndexPage,
    VisionPage,
    VisionUpdate,
)

BERLIN = ZoneInfo("Europe/Berlin")


def at_noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=BERLIN)


class Command(BaseCommand):
    help = "Create the demo processes, proposals, supports and visions where they are missing."

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo content creates accounts with a public password and is not allowed with "
                "these settings (DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        self.verbosity = options["verbosity"]
        self.created = Counter()
        with transaction.atomic():
            self.de = Locale.objects.get(language_code="de")
            self.en = Locale.objects.filter(language_code="en").first()
            self.home = self.german_home()
            self.today = timezone.localdate(timezone=BERLIN)
            self.fields = {
                field.slug: field
                for field in FieldOfAction.objects.filter(locale=self.de)
                if field.slug in {"gruendungen", "innovationsorte", "verwaltung"}
            }
            if len(self.fields) < 3:
                raise CommandError("The fields of action are missing; run load_demo_content.")
            self.residents = self.create_residents()
            process_index = self.index(ProcessIndexPage, demo.PROCESS_INDEX)
            vision_index = self.index(VisionIndexPage, demo.VISION_INDEX)
            running = self.process(process_index, demo.RUNNING, self.relative_phases)
            self.running_proposals(running)
            finished = self.process(process_index, demo.FINISHED, self.dated_phases)
            proposals = self.finished_proposals(finished)
            visions = self.visions(vision_index, proposals)
            self.translate_process(running, demo.RUNNING_EN)
            self.translate_process(finished, demo.FINISHED_EN)
            for vision, spec in zip(visions, demo.VISIONS, strict=True):
                self.translate_vision(vision, spec["en"])
            self.comments(running, visions)
            self.polls(finished)
            if self.created["proposals"]:
                # Proposals inserted in bulk tell the site search nothing: index anew.
                call_command("update_index", site_search_only=True, verbosity=0)
        self.report()

    # --- Helpers --------------------------------------------------------------------------------

    def count(self, kind, number=1, label=""):
        self.created[kind] += number
        if self.verbosity >= 2 and label:
            self.stdout.write(f"  + {label}")

    def german_home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        home = HomePage.objects.filter(locale=self.de).first()
        if home is None:
            raise CommandError("There is no German home page; run load_demo_content first.")
        return home

    def child(self, parent, model, slug, **fields):
        """The page ``slug`` below ``parent``, created and published if missing; (page, created)."""
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is None and model.max_count_per_parent == 1:
            existing = model.objects.child_of(parent).first()
        if existing is not None:
            existing = existing.specific
            if not isinstance(existing, model):
                raise CommandError(
                    f"The page {existing.url_path} is a {type(existing).__name__}, "
                    f"not a {model.__name__}; rename it to load the demo content."
                )
            return existing, False
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.count("pages", label=page.title)
        return page, True

    def index(self, model, spec):
        page, _created = self.child(self.home, model, spec["slug"], **spec["de"])
        english_home = self.en and self.home.get_translation_or_none(self.en)
        if english_home is not None and page.get_translation_or_none(self.en) is None:
            translation = page.copy_for_translation(self.en).specific
            for name, value in spec["en"].items():
                setattr(translation, name, value)
            translation.save_revision().publish()
            self.count("translations", label=translation.title)
        return page

    def relative_phases(self, specs):
        return [
            (
                title,
                description,
                self.today + datetime.timedelta(days=first),
                self.today + datetime.timedelta(days=last),
                allows,
            )
            for title, description, first, last, allows in specs
        ]

    def dated_phases(self, specs):
        return [
            (
                title,
                description,
                datetime.date.fromisoformat(first),
                datetime.date.fromisoformat(last),
                allows,
            )
            for title, description, first, last, allows in specs
        ]

    def process(self, index, spec, phase_dates):
        image, image_created = landscape_image(spec["image"])
        if image_created:
            self.count("images")
        phases = [
            ProcessPhase(
                sort_order=order,
                title=title,
                description=description,
                start=start,
                end=end,
                allows_submit="submit" in allows,
                allows_edit="edit" in allows,
                allows_comment="comment" in allows,
                allows_support="support" in allows,
            )
            for order, (title, description, start, end, allows) in enumerate(
                phase_dates(spec["phases"])
            )
        ]
        page, created = self.child(
            index,
            ProcessPage,
            spec["slug"],
            title=spec["title"],
            question=spec["question"],
            intro=spec["intro"],
            body=spec["body"],
            image=image,
            image_alt=spec["image_alt"],
            moderation=ProcessPage.Moderation.POST,
            support_budget=spec["support_budget"],
            qualified_threshold=spec["qualified_threshold"],
            max_proposals_per_resident=spec["max_proposals_per_resident"],
            edit_window_hours=spec["edit_window_hours"],
            phases=phases,
            fields_of_action=list(self.fields.values()),
        )
        return page

    # --- Residents, proposals, supports ---------------------------------------------------------

    def create_residents(self):
        """{key: user}: verified residents with the demo password (hashed once for all)."""
        User = get_user_model()
        emails = [email for _key, email, _name in demo.RESIDENTS]
        existing = {user.email: user for user in User.objects.filter(email__in=emails)}
        password = make_password(settings.DEMO_PASSWORD)
        new = [
            User(email=email, display_name=name, password=password)
            for _key, email, name in demo.RESIDENTS
            if email not in existing
        ]
        if new:
            User.objects.bulk_create(new)
            created = User.objects.filter(email__in=[user.email for user in new])
            group = Group.objects.get(name=RESIDENTS)
            group.user_set.add(*created)
            EmailAddress.objects.bulk_create(
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in created
            )
            self.count("demo residents", len(new))
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        return {key: users[email] for key, email, _name in demo.RESIDENTS}

    def location(self, point):
        if point is None:
            return {}
        return {"latitude": Decimal(point[0]), "longitude": Decimal(point[1])}

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
        Proposal.objects.bulk_update(list(supporters), ["support_count", "qualified_at"])
        self.count("supports", len(supports))

    def running_proposals(self, process):
        if Proposal.objects.filter(process_id=process.pk).exists():
            return
        first_day = self.today + datetime.timedelta(days=demo.RUNNING["phases"][0][2])
        proposals, created_at, weights = [], [], []
        for number, spec in enumerate(demo.RUNNING_PROPOSALS):
            author, field, municipality, point, popularity, title, summary, text = spec
            proposals.append(
                Proposal(
                    process_id=process.pk,
                    author=self.residents[author],
                    title=title,
                    summary=summary,
                    text=text,
                    field_of_action=self.fields[field],
                    municipality=municipality,
                    state=(
                        Proposal.State.UNDER_REVIEW
                        if title in demo.UNDER_REVIEW
                        else Proposal.State.SUBMITTED
                    ),
                    **self.location(point),
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

    def finished_proposals(self, process):
        """{title: proposal} of the finished process, answered officially."""
        existing = Proposal.objects.filter(process_id=process.pk)
        if existing.exists():
            return {proposal.title: proposal for proposal in existing}
        proposals, created_at = [], []
        for number, spec in enumerate(demo.FINISHED_PROPOSALS):
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
                Proposal(
                    process_id=process.pk,
                    author=self.residents[author],
                    title=title,
                    summary=summary,
                    text=text,
                    field_of_action=self.fields[field],
                    municipality=municipality,
                    state=state,
                    answer=answer,
                    answered_at=at_noon(datetime.date.fromisoformat(answered)),
                    **self.location(point),
                )
            )
            created_at.append(at_noon(datetime.date(2025, 3, 3 + 4 * number)))
        saved = self.insert_proposals(process, proposals, created_at)
        # Supporters taken in turn, so that nobody goes over the budget.
        people = list(self.residents.values())
        used = Counter()
        supporters = {}
        for proposal, spec in zip(saved, demo.FINISHED_PROPOSALS, strict=True):
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

    # --- Visions --------------------------------------------------------------------------------

    def visions(self, index, proposals):
        image, image_created = landscape_image("dorf")
        if image_created:
            self.count("images")
        pages = []
        for spec in demo.VISIONS:
            origin = proposals.get(spec["proposal"])
            updates = [
                VisionUpdate(
                    sort_order=order,
                    date=datetime.date.fromisoformat(date),
                    title=title,
                    text=text,
                )
                for order, (date, title, text) in enumerate(spec["updates"])
            ]
            page, _created = self.child(
                index,
                VisionPage,
                spec["slug"],
                title=spec["proposal"],
                intro=spec["intro"],
                body=spec["body"],
                status=spec["status"],
                origin=origin,
                fields_of_action=[self.fields[slug] for slug in spec["fields"]],
                updates=updates,
            )
            pages.append(page)
        return pages

    # --- English translations -------------------------------------------------------------------

    def english_fields(self, page):
        return [
            field.get_translation_or_none(self.en) or field for field in page.fields_of_action.all()
        ]

    def translation_of(self, page):
        """A new English copy of ``page``, or None when it exists already or English is missing
        (the English index page is created first, so the copy goes below it)."""
        if self.en is None or page.get_translation_or_none(self.en) is not None:
            return None
        if page.get_parent().get_translation_or_none(self.en) is None:
            return None
        return page.copy_for_translation(self.en).specific

    def publish_translation(self, translation):
        translation.save_revision().publish()
        self.count("translations", label=translation.title)

    def translate_process(self, process, spec):
        translation = self.translation_of(process)
        if translation is None:
            return
        for name in ("title", "question", "intro", "body", "image_alt"):
            setattr(translation, name, spec[name])
        translation.fields_of_action = self.english_fields(process)
        phases = list(translation.phases.all())
        for phase, (title, description) in zip(phases, spec["phases"], strict=True):
            phase.title, phase.description = title, description
        translation.phases = phases
        self.publish_translation(translation)

    def translate_vision(self, vision, spec):
        translation = self.translation_of(vision)
        if translation is None:
            return
        for name in ("title", "intro", "body"):
            setattr(translation, name, spec[name])
        translation.fields_of_action = self.english_fields(vision)
        updates = list(translation.updates.all())
        for update, (title, text) in zip(updates, spec["updates"], strict=True):
            update.title, update.text = title, text
        translation.updates = updates
        self.publish_translation(translation)

    # --- Output ---------------------------------------------------------------------------------

    def comments(self, running, visions):
        """Comments, replies and helpful marks through the services, as residents would write
        them; only where nothing has been commented yet."""
        if Comment.objects.exists():
            return
        proposals = {p.title: p for p in Proposal.objects.filter(process_id=running.pk)}
        pages = {vision.slug: vision for vision in visions}
        process = running.specific
        for where, author, text, replies, helpful in demo.COMMENTS:
            target = proposals.get(where) or pages[where]
            in_process = process if isinstance(target, Proposal) else None
            comment = services.create_comment(
                self.residents[author], target, text, process=in_process
            )
            for reply_author, reply in replies:
                services.create_comment(
                    self.residents[reply_author], target, reply, process=in_process, parent=comment
                )
            for key in helpful:
                services.mark_helpful(
                    self.residents[key], comment, target=target, process=in_process
                )
            self.count("comments", 1 + len(replies))
        for title, author, text, reports in demo.REPORTED_COMMENTS:
            comment = services.create_comment(
                self.residents[author], proposals[title], text, process=process
            )
            for reporter, reason, note in reports:
                services.report(self.residents[reporter], comment, reason, note)
            self.count("reported comments")
        self.moderation(proposals, process)

    def moderation(self, proposals, process):
        """A comment the demo moderator hid with a reason, and a blocked advertiser; nobody is
        emailed (the addresses are made up)."""
        moderator = get_user_model().objects.filter(groups__name=MODERATORS).first()
        if moderator is None:
            return
        for title, author, text, reason, note in demo.MODERATED_COMMENTS:
            comment = services.create_comment(
                self.residents[author], proposals[title], text, process=process
            )
            services.moderate(comment, "hide", moderator, reason=reason, note=note, notify=False)
            self.count("hidden comments")
        email, name = demo.SPAM_ACCOUNT
        advertiser = get_user_model().objects.create_user(
            email, settings.DEMO_PASSWORD, display_name=name
        )
        EmailAddress.objects.create(user=advertiser, email=email, verified=True, primary=True)
        for title, text in demo.SPAM_COMMENTS:
            services.create_comment(advertiser, proposals[title], text, process=process)
        reason, note = demo.SPAM_BLOCK
        services.block_user(
            advertiser, moderator, reason, note, hide_contributions=True, notify=False
        )
        self.count("blocked accounts")

    def polls(self, finished):
        """The home page's open poll and the finished process's closed one, each in German and
        English, with the demo residents' votes; only where no poll exists yet."""
        if Poll.objects.exists():
            return
        today = timezone.now()
        home_poll = self.poll(
            demo.HOME_POLL,
            kind=Poll.Kind.MULTIPLE,
            max_choices=2,
            allow_other=True,
            opens_at=today - datetime.timedelta(days=10),
            closes_at=today + datetime.timedelta(days=60),
        )
        spec = demo.FINISHED_POLL
        self.poll(
            spec,
            process=finished,
            opens_at=at_noon(datetime.date.fromisoformat(spec["opens"])),
            closes_at=at_noon(datetime.date.fromisoformat(spec["closes"])),
            show_results=Poll.Results.AFTER_CLOSING,
        )
        for home in HomePage.objects.filter(translation_key=self.home.translation_key):
            home.body.append(("poll", {"poll": home_poll}))
            home.save_revision().publish()

    def poll(self, spec, **settings_):
        """A poll in German and its English translation, and the votes (cast while it was open:
        the closing time is set afterwards)."""
        closes_at = settings_.pop("closes_at")
        german = Poll(
            locale=self.de,
            question=spec["question"][0],
            description=spec["description"][0],
            other_label=spec.get("other", ("", ""))[0],
            **settings_,
        )
        for label, _english in spec["answers"]:
            german.choices.add(PollChoice(label=label))
        german.save()
        keys = [str(choice.translation_key) for choice in german.choices.all()]
        opens_at = german.opens_at
        Poll.objects.filter(pk=german.pk).update(opens_at=min(opens_at, timezone.now()))
        german.refresh_from_db()
        for resident, answers, other in spec["votes"]:
            services.vote(german, [keys[i] for i in answers], other, user=self.residents[resident])
        Poll.objects.filter(pk=german.pk).update(opens_at=opens_at, closes_at=closes_at)
        german.refresh_from_db()
        self.count("polls")
        if self.en is not None:
            english = german.copy_for_translation(self.en)
            english.question = spec["question"][1]
            english.description = spec["description"][1]
            english.other_label = spec.get("other", ("", ""))[1]
            english.save()
            labels = dict(spec["answers"])
            for choice in english.choices.all():
                choice.label = labels[choice.label]
                choice.save()
            self.count("translations", label=english.question)
        return german

    def report(self):
        if not self.created:
            self.stdout.write("The demo participation is complete; nothing had to be created.")
        else:
            summary = ", ".join(f"{number} {kind}" for kind, number in self.created.items())
            self.stdout.write(f"Created for participation: {summary}.")
        if self.created["demo residents"]:
            self.stdout.write(
                f"  {len(demo.RESIDENTS)} more demo residents, e.g. {demo.RESIDENTS[0][1]}, "
                "with the same password (they author and support the demo proposals)."
            )
