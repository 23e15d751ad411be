"""The demo polls with the residents' votes, in German and English."""

import datetime

from django.utils import timezone

from home.models import HomePage
from participation import services
from participation.models import Ballot, Poll, PollChoice

from ..content.polls import FINISHED_POLL, HOME_POLL
from .dates import at_noon


class Polls:
    """Mixin of the ``load_vision_demo`` command. Expects ``self.count()``, ``self.residents``,
    ``self.home`` and the locales ``self.de`` and ``self.en``."""

    def polls(self, finished):
        """The home page's open poll and the finished process's closed one, each in German and
        English, with the demo residents' votes; only where no poll exists yet."""
        if Poll.objects.exists():
            return
        today = timezone.now()
        home_poll = self.poll(
            HOME_POLL,
            kind=Poll.Kind.MULTIPLE,
            max_choices=2,
            allow_other=True,
            opens_at=today - datetime.timedelta(days=10),
            closes_at=today + datetime.timedelta(days=60),
        )
        spec = FINISHED_POLL
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
        self.spread_ballots(german, opens_at, closes_at)
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

    def spread_ballots(self, poll, opens_at, closes_at):
        """The ballots were cast just now; as residents would have cast them over the days the
        poll was open (up to now), so that the editors' statistics show them over time."""
        now = timezone.now()
        last = min(closes_at or now, now)
        if opens_at >= last:
            return
        ballots = list(Ballot.objects.filter(poll_key=poll.translation_key).order_by("pk"))
        for number, ballot in enumerate(ballots, start=1):
            ballot.created_at = opens_at + (last - opens_at) * number / (len(ballots) + 1)
        Ballot.objects.bulk_update(ballots, ["created_at"])
