"""Casting and changing ballots in polls."""

from django.db import transaction

from .. import rules
from ..models import (
    Ballot,
    BallotChoice,
    Poll,
)

# --- Polls ---------------------------------------------------------------------------------------


def _lock_poll(poll):
    """Lock the poll's rows in every language (ballots of all of them count together), in the
    same order everywhere, and return the poll as it is now.

    The lock makes a vote wait for an editor's change of the poll that is under way (closing
    it, changing its answers) and check the rules against the poll as that change leaves it;
    without it a vote read before the closing commits lands after it. One person's ballots
    racing each other are kept to one by the ballot's unique constraints as well."""
    list(
        Poll.objects.select_for_update()
        .filter(translation_key=poll.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Poll.objects.get(pk=poll.pk)


def vote(poll, choice_keys, other_text="", *, user=None, session_key=""):
    """Cast or change a ballot in ``poll``: the choices by their ``translation_key`` and an
    optional own answer. Signed-in people vote as themselves; where anyone may vote, visitors
    vote with their browser session. One ballot per person (or session) and poll in all its
    languages: voting again changes it. Raises :class:`rules.ParticipationError` and changes
    nothing when the rules forbid the vote. Returns the ballot."""
    other_text = " ".join((other_text or "").split())
    choice_keys = list(dict.fromkeys(str(key) for key in choice_keys))
    signed_in = user is not None and user.is_authenticated
    with transaction.atomic():
        poll = _lock_poll(poll)
        rules.check(rules.poll_obstacle(user, poll, has_session=bool(session_key)))
        valid = {str(key) for key in poll.choices.values_list("translation_key", flat=True)}
        rules.check(rules.ballot_obstacle(poll, choice_keys, other_text, valid))
        voter = {"user": user} if signed_in else {"user": None, "session_key": session_key}
        ballot, _created = Ballot.objects.get_or_create(
            poll_key=poll.translation_key, **voter, defaults={"other_text": other_text}
        )
        ballot.other_text = other_text
        ballot.save()
        ballot.choices.exclude(choice_key__in=choice_keys).delete()
        ticked = {str(key) for key in ballot.choices.values_list("choice_key", flat=True)}
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, choice_key=key) for key in choice_keys if key not in ticked
        )
        return ballot
