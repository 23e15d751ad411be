"""The moderators' work: one queue for every kind of contribution, hiding with a reason and a
statement of reasons to the author, restoring, settling reports, blocking people, and the
moderation log that records all of it."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

import pytest

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from participation import rules, services
from participation.models import (
    Block,
    Comment,
    Moderation,
    ModerationLogEntry,
    Report,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german
from tests.participation.factories import ProposalFactory, moderation_mails
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

Action = ModerationLogEntry.Action
QUEUE = "/admin/moderation/"


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, title="Enkeltauglich", phases=[running_phase()])
    process.save_revision().publish()
    return process


@pytest.fixture
def other_process(process):
    other = ProcessPageFactory(parent=process.get_parent(), title="Anderer Prozess")
    other.save_revision().publish()
    return other


@pytest.fixture
def field():
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def proposal(process, field):
    return ProposalFactory(process=process, field_of_action=field, title="Rufbus für alle Dörfer")


@pytest.fixture
def moderator():
    return UserFactory(group=MODERATORS, display_name="Moderatorin")


def comment_on(target, text, author=None):
    return services.create_comment(author or UserFactory(), target, text, process=None)


def report(target, count, reason="spam", note=""):
    for _ in range(count):
        Report.objects.create(target=target, reporter=UserFactory(), reason=reason, note=note)


def queue(client, **params):
    return client.get(QUEUE, params)


def act(client, items, action, reason="", note="", query=""):
    data = {"items": [f"{item._meta.model_name}:{item.pk}" for item in items], "action": action}
    data.update(reason=reason, note=note)
    return client.post(QUEUE + query, data)


# --- Who may moderate ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "may"),
    [(None, False), (EDITORS, False), (MODERATORS, True), (LEAD_EDITORS, True)],
)
def test_only_moderators_and_lead_editors_use_the_queue(client, proposal, group, may):
    person = UserFactory(group=group)
    client.force_login(person)
    comment = comment_on(proposal, "Ärgerlich")
    report(comment, 1)
    response = queue(client)
    assert (response.status_code == 200) is may
    act(client, [comment], "hide", reason="insult")
    comment.refresh_from_db()
    assert (comment.moderation == Comment.Moderation.HIDDEN) is may
    hidden = comment_on(proposal, "Zu Unrecht versteckt")
    services.moderate(hidden, "hide", None, reason="spam")
    act(client, [hidden], "restore")
    hidden.refresh_from_db()
    assert (hidden.moderation == Comment.Moderation.PUBLISHED) is may
    assert ModerationLogEntry.objects.filter(moderator=person).exists() is may
    block_url = reverse("moderation:block", args=[comment.author_id])
    client.post(block_url, {"reason": "spam"})
    comment.author.refresh_from_db()
    assert comment.author.is_active is not may


def test_the_menu_shows_moderation_to_moderators_only(client):
    client.force_login(UserFactory(group=MODERATORS))
    html = client.get("/admin/").content.decode()
    assert QUEUE in html and reverse("moderation_log:index") in html
    client.force_login(UserFactory(group=EDITORS))
    html = client.get("/admin/").content.decode()
    assert QUEUE not in html and reverse("moderation_log:index") not in html


# --- The queue -----------------------------------------------------------------------------------


def test_reported_items_of_every_kind_most_reported_first_with_reasons(
    client, moderator, proposal, process, field
):
    little = comment_on(proposal, "Ein bisschen daneben")
    report(little, 1, reason="off_topic")
    ProposalFactory(process=process, field_of_action=field, title="Nicht gemeldet")
    much = ProposalFactory(process=process, field_of_action=field, title="Kauft Uhren!")
    report(much, 2, reason="spam", note="<b>Werbung</b> für Uhren")
    client.force_login(moderator)
    html = queue(client).content.decode()
    assert html.index("Kauft Uhren!") < html.index("Ein bisschen daneben")
    assert escape("<b>Werbung</b> für Uhren") in html and "<b>Werbung</b>" not in html
    assert in_german("Off-topic") in html and in_german("Spam or advertising") in html
    assert "Nicht gemeldet" not in html


def test_tabs_for_waiting_and_hidden_items(client, moderator, proposal, process, field):
    waiting = ProposalFactory(
        process=process, field_of_action=field, title="Erst geprüft", moderation="pending"
    )
    waiting_comment = Comment.objects.create(
        target=proposal, author=UserFactory(), text="Dann geprüft", moderation="pending"
    )
    hidden = comment_on(proposal, "Schon weg")
    services.moderate(hidden, Action.HIDE, moderator, reason="insult")
    client.force_login(moderator)
    pending_html = queue(client, tab="pending").content.decode()
    assert "Erst geprüft" in pending_html and waiting_comment.text in pending_html
    assert "Schon weg" not in pending_html
    assert pending_html.index("Erst geprüft") < pending_html.index("Dann geprüft")  # oldest first
    hidden_html = queue(client, tab="hidden").content.decode()
    assert "Schon weg" in hidden_html and waiting.title not in hidden_html


def test_filters_by_type_process_and_reason(client, moderator, proposal, other_process, field):
    comment = comment_on(proposal, "Kommentar im Prozess")
    report(comment, 1, reason="insult")
    elsewhere = ProposalFactory(
        process=other_process, field_of_action=field, title="Vorschlag anderswo"
    )
    report(elsewhere, 1, reason="spam")
    client.force_login(moderator)

    def shown(**params):
        html = queue(client, **params).content.decode()
        return {text for text in ("Kommentar im Prozess", "Vorschlag anderswo") if text in html}

    assert shown() == {"Kommentar im Prozess", "Vorschlag anderswo"}
    assert shown(kind="comment") == {"Kommentar im Prozess"}
    assert shown(kind="proposal") == {"Vorschlag anderswo"}
    assert shown(process=other_process.pk) == {"Vorschlag anderswo"}
    assert shown(reason="insult") == {"Kommentar im Prozess"}
    assert shown(reason="spam", kind="comment") == set()
    # Nonsense in the filters gets the whole queue, not an error.
    assert queue(client, kind="x", process="abc", reason="<script>", p="999").status_code == 200


def test_script_in_contributions_is_shown_as_text_in_the_queue(client, moderator, proposal):
    payload = "<script>alert('x')</script>"
    comment = comment_on(proposal, payload)
    report(comment, 1, note=payload)
    client.force_login(moderator)
    html = queue(client).content.decode()
    assert payload not in html and escape(payload) in html


# --- Actions -------------------------------------------------------------------------------------


def test_hiding_in_bulk_needs_a_reason_and_tells_each_author_why(
    client, moderator, proposal, process, field, django_capture_on_commit_callbacks
):
    comment = comment_on(proposal, "Beleidigend")
    spam = ProposalFactory(process=process, field_of_action=field, title="Werbung")
    report(comment, 1, reason="insult")
    report(spam, 2, reason="spam")
    client.force_login(moderator)

    response = act(client, [comment, spam], "hide")
    assert response.status_code == 200
    assert escape(in_german("Please choose why the contributions are hidden.")) in (
        response.content.decode()
    )
    assert not ModerationLogEntry.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, [comment, spam], "hide", reason="insult", note="Bitte sachlich.")
    assert response.status_code == 302
    comment.refresh_from_db()
    spam.refresh_from_db()
    proposal.refresh_from_db()
    assert comment.moderation == spam.moderation == Comment.Moderation.HIDDEN
    assert proposal.comment_count == 0
    assert not Report.objects.open().exists()  # the decision settles the reports

    entries = ModerationLogEntry.objects.order_by("pk")
    assert [(e.action, e.moderator, e.reason, e.note) for e in entries] == [
        (Action.HIDE, moderator, "insult", "Bitte sachlich.")
    ] * 2
    assert {e.target for e in entries} == {comment, spam}

    assert sorted(message.to[0] for message in moderation_mails()) == sorted(
        [comment.author.email, spam.author.email]
    )
    message = next(m for m in moderation_mails() if m.to == [comment.author.email])
    assert message.reply_to == [settings.PARTICIPATION_MODERATION_EMAIL]
    assert "Beleidigend" in message.body and "Bitte sachlich." in message.body
    assert in_german("Insult or harassment") in message.body
    assert settings.PARTICIPATION_MODERATION_EMAIL in message.body


def test_restore_approve_and_review(client, moderator, proposal, process, field):
    hidden = comment_on(proposal, "Doch in Ordnung")
    services.moderate(hidden, Action.HIDE, moderator, reason="spam")
    waiting = ProposalFactory(
        process=process, field_of_action=field, title="Neu", moderation="pending"
    )
    harmless = comment_on(proposal, "Harmlos")
    report(harmless, 2, reason="insult")
    client.force_login(moderator)

    act(client, [hidden], "restore", note="Kein Spam.")
    act(client, [waiting], "approve")
    act(client, [harmless], "review", note="Sachlich.")
    for item in (hidden, waiting, harmless):
        item.refresh_from_db()
        assert item.moderation == "published"
    proposal.refresh_from_db()
    assert proposal.comment_count == 2
    assert not Report.objects.open().exists() and Report.objects.count() == 2
    assert "Harmlos" not in queue(client).content.decode()
    actions = list(ModerationLogEntry.objects.order_by("pk").values_list("action", "note"))
    assert actions[1:] == [
        (Action.RESTORE, "Kein Spam."),
        (Action.APPROVE, ""),
        (Action.REVIEW, "Sachlich."),
    ]


def test_an_action_that_does_not_apply_changes_nothing(client, moderator, proposal):
    published = comment_on(proposal, "Schon veröffentlicht")
    client.force_login(moderator)
    response = act(client, [published], "restore")
    assert response.status_code == 302
    assert not ModerationLogEntry.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("1" in text for text in messages)


def test_forged_items_are_refused_with_a_message(client, moderator):
    client.force_login(moderator)
    response = client.post(QUEUE, {"items": ["user:1"], "action": "approve"})
    assert response.status_code == 200
    assert response.context["action_form"].errors["items"]
    response = client.post(QUEUE, {"items": ["comment:999999"], "action": "approve"})
    assert response.status_code == 302


def test_bulk_hiding_in_the_comment_listing_asks_for_the_reason(
    client, moderator, proposal, django_capture_on_commit_callbacks
):
    comment = comment_on(proposal, "Daneben")
    url = reverse("wagtail_bulk_action", args=["participation", "comment", "hide"])
    client.force_login(moderator)
    page = client.get(f"{url}?id={comment.pk}").content.decode()
    assert 'name="reason"' in page and 'name="note"' in page
    assert client.post(f"{url}?id={comment.pk}", {}).status_code == 200
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}?id={comment.pk}", {"reason": "off_topic", "note": "Thema verfehlt"})
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN
    entry = ModerationLogEntry.objects.get()
    assert (entry.reason, entry.note, entry.moderator) == ("off_topic", "Thema verfehlt", moderator)
    assert len(moderation_mails()) == 1


@pytest.mark.parametrize("action", ["approve", "hide", "restore", "review"])
def test_the_queue_and_the_listings_bulk_actions_end_in_the_same_log_entries(
    client, moderator, proposal, process, field, action, django_capture_on_commit_callbacks
):
    """Both bulk paths go through one service: the same action on a proposal and a comment in
    the same state leaves the same log entries, states, settled reports and emails."""
    state = {"approve": Moderation.PENDING, "restore": Moderation.HIDDEN}.get(action)

    def a_proposal_and_a_comment():
        items = [
            ProposalFactory(process=process, field_of_action=field),
            comment_on(proposal, "Daneben"),
        ]
        for item in items:
            if state:
                type(item).objects.filter(pk=item.pk).update(moderation=state)
            report(item, 1)
        return items

    through_queue, through_listings = a_proposal_and_a_comment(), a_proposal_and_a_comment()
    fields = {"note": "Geprüft"} if action != "approve" else {}
    if action == "hide":
        fields["reason"] = "off_topic"
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, through_queue, action, **fields).status_code == 302
        for item in through_listings:
            url = reverse(
                "wagtail_bulk_action", args=["participation", item._meta.model_name, action]
            )
            assert client.post(f"{url}?id={item.pk}", fields).status_code == 302

    def outcome(item):
        entry = ModerationLogEntry.objects.get(
            target_type__model=item._meta.model_name, target_id=item.pk
        )
        item.refresh_from_db()
        assert entry.author_id == item.author_id
        return (
            entry.action,
            entry.previous_moderation,
            entry.moderator,
            entry.reason,
            entry.note,
            item.moderation,
            Report.objects.of(item).open().count(),
        )

    assert [outcome(item) for item in through_queue] == [outcome(item) for item in through_listings]
    assert outcome(through_queue[0])[:3] == (action, state or Moderation.PUBLISHED, moderator)
    assert len(moderation_mails()) == (4 if action == "hide" else 0)


# --- The moderation log --------------------------------------------------------------------------


def test_automatic_hiding_is_logged_without_a_moderator(proposal, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    comment = comment_on(proposal, "Doppelt gemeldet")
    for reason in ("spam", "insult"):
        services.report(UserFactory(), comment, reason)
    entry = ModerationLogEntry.objects.get()
    assert (entry.action, entry.moderator, entry.target) == (Action.AUTO_HIDE, None, comment)
    assert entry.reason in ("spam", "insult")
    assert not moderation_mails()  # the moderators decide before anybody is told


def test_the_log_is_visible_to_moderators_and_cannot_be_changed(client, moderator, proposal):
    comment = comment_on(proposal, "<i>Protokolliert</i>")
    services.moderate(comment, Action.HIDE, moderator, reason="spam", note="<b>Notiz</b>")
    entry = ModerationLogEntry.objects.get()
    client.force_login(moderator)
    html = client.get(reverse("moderation_log:index")).content.decode()
    assert escape("<i>Protokolliert</i>") in html and escape("<b>Notiz</b>") in html
    assert "Moderatorin" in html
    assert client.get(reverse("moderation_log:inspect", args=[entry.pk])).status_code == 200
    for name in ("moderation_log:edit", "moderation_log:delete"):
        response = client.post(reverse(name, args=[entry.pk]), {"note": "geändert"})
        assert response.status_code in (302, 403)
    superuser = UserFactory(is_superuser=True)
    client.force_login(superuser)
    client.post(reverse("moderation_log:delete", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.note == "<b>Notiz</b>"
    client.force_login(UserFactory(group=EDITORS))
    assert client.get(reverse("moderation_log:index")).status_code == 302


# --- Blocking ------------------------------------------------------------------------------------


def login(client, person):
    return client.post(
        "/de/konto/login/", {"login": person.email, "password": settings.DEMO_PASSWORD}
    )


def test_a_blocked_person_cannot_sign_in_and_is_told_why(
    client, moderator, proposal, django_capture_on_commit_callbacks
):
    person = UserFactory()
    earlier = comment_on(proposal, "Früher schon versteckt", author=person)
    services.moderate(earlier, Action.HIDE, moderator, reason="off_topic")
    comment = comment_on(proposal, "Beleidigung", author=person)
    own_proposal = ProposalFactory(
        process=proposal.process, field_of_action=proposal.field_of_action, author=person
    )
    client.force_login(person)
    assert client.get("/de/").context["user"] == person

    moderators = client_class_for(client)
    moderators.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderators.post(
            reverse("moderation:block", args=[person.pk]),
            {"reason": "insult", "note": "Wiederholte Beleidigungen.", "hide_contributions": "on"},
        )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    comment.refresh_from_db()
    own_proposal.refresh_from_db()
    assert comment.moderation == own_proposal.moderation == Comment.Moderation.HIDDEN

    # Their session ends with the next request, and they cannot sign in again.
    assert not client.get("/de/").context["user"].is_authenticated
    response = login(client, person)
    assert response.status_code == 403
    html = response.content.decode()
    assert escape(in_german("Insult or harassment")) in html
    assert "Wiederholte Beleidigungen." in html
    assert settings.PARTICIPATION_MODERATION_EMAIL in html
    # Nor can they take part, whatever way they find.
    with pytest.raises(rules.ParticipationError):
        services.create_comment(person, proposal, "Trotzdem", process=None)
    # One email says why (the hidden contributions are part of it).
    assert [message.to for message in moderation_mails()][-1:] == [[person.email]]
    assert "Wiederholte Beleidigungen." in moderation_mails()[-1].body

    actions = ModerationLogEntry.objects.filter(author=person).values_list("action", flat=True)
    assert sorted(actions) == sorted([Action.HIDE, Action.BLOCK, Action.HIDE, Action.HIDE])


def test_unblocking_restores_access_and_what_the_block_hid(client, moderator, proposal):
    person = UserFactory()
    earlier = comment_on(proposal, "Früher versteckt", author=person)
    services.moderate(earlier, Action.HIDE, moderator, reason="off_topic")
    comment = comment_on(proposal, "Durch die Sperre versteckt", author=person)
    services.block_user(person, moderator, "spam", hide_contributions=True)
    client.force_login(moderator)
    blocks = client.get(reverse("blocks:index")).content.decode()
    unblock_url = reverse("moderation:unblock", args=[person.pk])
    assert unblock_url in blocks
    response = client.post(
        unblock_url, {"note": "Einspruch berechtigt", "restore_contributions": "on"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    comment.refresh_from_db()
    earlier.refresh_from_db()
    assert person.is_active
    assert comment.moderation == Comment.Moderation.PUBLISHED
    assert earlier.moderation == Comment.Moderation.HIDDEN  # hidden for its own reason
    block = Block.objects.get()
    assert (block.lifted_by, block.is_active) == (moderator, False)
    assert ModerationLogEntry.objects.filter(action=Action.UNBLOCK, author=person).exists()
    client.logout()
    assert login(client, person).status_code == 302


def test_a_hostile_unblock_note_is_refused_when_too_long_and_kept_as_plain_text(
    client, moderator, proposal
):
    """The unblock note: 501 characters are refused with the form's message (the person stays
    blocked); HTML is kept as text and shown escaped in the log; bidi and control characters
    are dropped before they reach the log."""
    person = UserFactory()
    services.block_user(person, moderator, "spam")
    client.force_login(moderator)
    unblock_url = reverse("moderation:unblock", args=[person.pk])
    response = client.post(unblock_url, {"note": "x" * 501})
    assert response.status_code == 200
    too_long = in_german(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        n=500,
        limit_value=500,
        show_value=501,
    )
    assert escape(too_long) in response.content.decode()
    person.refresh_from_db()
    assert not person.is_active

    note = '<script>alert("x")</script>\u202eEinspruch\x07 berechtigt'
    response = client.post(unblock_url, {"note": note})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active
    entry = ModerationLogEntry.objects.get(action=Action.UNBLOCK, author=person)
    assert entry.note == '<script>alert("x")</script>Einspruch berechtigt'
    log = client.get(reverse("moderation_log:index")).content.decode()
    assert escape('<script>alert("x")</script>') in log
    assert '<script>alert("x")' not in log


def test_unblocking_without_restoring_keeps_contributions_hidden(moderator, proposal):
    person = UserFactory()
    comment = comment_on(proposal, "Bleibt versteckt", author=person)
    services.block_user(person, moderator, "spam", hide_contributions=True)
    services.unblock_user(person, moderator)
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN
    with pytest.raises(rules.ParticipationError):
        services.unblock_user(person, moderator)


@pytest.mark.parametrize("who", ["self", "staff", "superuser", "blocked"])
def test_some_people_cannot_be_blocked(client, moderator, who):
    person = {
        "self": lambda: moderator,
        "staff": lambda: UserFactory(group=EDITORS),
        "superuser": lambda: UserFactory(is_superuser=True),
        "blocked": lambda: services.block_user(UserFactory(), moderator, "spam").user,
    }[who]()
    client.force_login(moderator)
    url = reverse("moderation:block", args=[person.pk])
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.is_active is (who != "blocked")
    assert Block.objects.filter(user=person, lifted_at=None).count() == (who == "blocked")


def test_blocking_needs_a_reason(client, moderator):
    person = UserFactory()
    client.force_login(moderator)
    response = client.post(reverse("moderation:block", args=[person.pk]), {"note": "x" * 501})
    form = response.context["form"]
    assert set(form.errors) == {"reason", "note"}
    person.refresh_from_db()
    assert person.is_active and not Block.objects.exists()


# --- Performance -------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["reported", "pending", "hidden"])
def test_the_queue_costs_the_same_for_5_and_60_items(
    client, moderator, proposal, process, field, tab, django_assert_max_num_queries
):
    def fill(count):
        for n in range(count):
            item = (
                comment_on(proposal, f"Kommentar {n}")
                if n % 2
                else ProposalFactory(process=process, field_of_action=field, title=f"V {n}")
            )
            report(item, 1 + n % 3, reason="spam")
            if tab != "reported":
                type(item).objects.filter(pk=item.pk).update(moderation=tab)

    client.force_login(moderator)
    fill(5)
    queue(client, tab=tab)
    with django_assert_max_num_queries(20) as small:
        assert queue(client, tab=tab).status_code == 200
    fill(55)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = queue(client, tab=tab).content.decode()
    assert html.count('name="items"') == 50


def client_class_for(client):
    """A second browser: the moderator acts while the resident's session lives on."""
    return type(client)()


# --- Edge cases ----------------------------------------------------------------------------------


def test_a_moderator_confirms_what_reports_hid_and_the_author_learns_why(
    client, moderator, proposal, settings, django_capture_on_commit_callbacks
):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    comment = comment_on(proposal, "Von Meldungen versteckt")
    for _ in range(2):
        services.report(UserFactory(), comment, "insult")
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, [comment], "hide", reason="insult", note="Bestätigt.")
    assert [m.to for m in moderation_mails()] == [[comment.author.email]]
    assert not Report.objects.open().exists()
    assert list(ModerationLogEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        Action.AUTO_HIDE,
        Action.HIDE,
    ]


def test_the_hidden_tab_shows_and_filters_by_why_it_was_hidden(client, moderator, proposal):
    spam = comment_on(proposal, "Werbung hier")
    rude = comment_on(proposal, "Unhöflich hier")
    services.moderate(spam, Action.HIDE, moderator, reason="spam", note="<i>Reklame</i>")
    services.moderate(rude, Action.HIDE, moderator, reason="insult")
    client.force_login(moderator)
    html = queue(client, tab="hidden", reason="spam").content.decode()
    assert "Werbung hier" in html and "Unhöflich hier" not in html
    assert escape("<i>Reklame</i>") in html and in_german("Spam or advertising") in html


def test_lifting_a_block_puts_back_only_what_it_hid_as_it_was(moderator, proposal, field):
    person = UserFactory()
    waiting = ProposalFactory(
        process=proposal.process, field_of_action=field, author=person, moderation="pending"
    )
    published = comment_on(proposal, "Veröffentlicht", author=person)
    rehidden = comment_on(proposal, "Später erneut versteckt", author=person)
    services.block_user(person, moderator, "spam", hide_contributions=True, notify=False)
    # During the block a moderator restores one item and hides it again for another reason.
    services.moderate(rehidden, Action.RESTORE, moderator)
    services.moderate(rehidden, Action.HIDE, moderator, reason="illegal", notify=False)
    services.unblock_user(person, moderator, restore_contributions=True)
    for item in (waiting, published, rehidden):
        item.refresh_from_db()
    assert (waiting.moderation, published.moderation, rehidden.moderation) == (
        "pending",
        "published",
        "hidden",
    )


def test_a_blocked_person_can_still_be_deleted_and_the_log_stays(client, moderator, proposal):
    person = UserFactory()
    comment_on(proposal, "Etwas", author=person)
    services.block_user(person, moderator, "spam", hide_contributions=True, notify=False)
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(reverse("wagtailusers_users:delete", args=[person.pk]))
    assert response.status_code == 302
    assert not type(person).objects.filter(pk=person.pk).exists()
    assert ModerationLogEntry.objects.filter(action=Action.BLOCK, author=None).exists()


def test_the_services_refuse_people_who_may_not_moderate(proposal):
    resident = UserFactory()
    comment = comment_on(proposal, "Bleibt")
    with pytest.raises(rules.ParticipationError):
        services.moderate(comment, Action.HIDE, resident, reason="spam")
    blocked = services.block_user(UserFactory(), UserFactory(group=MODERATORS), "spam").user
    with pytest.raises(rules.ParticipationError):
        services.unblock_user(blocked, resident)
    with pytest.raises(rules.ParticipationError):
        services.unblock_user(blocked, UserFactory(group=EDITORS))
    comment.refresh_from_db()
    blocked.refresh_from_db()
    assert comment.moderation == "published" and not blocked.is_active


@pytest.mark.parametrize("value", ["comment:²", "comment:-1", "comment:" + "9" * 30, "comment"])
def test_malformed_items_get_a_message_not_an_error(client, moderator, value):
    client.force_login(moderator)
    response = client.post(QUEUE, {"items": [value], "action": "approve"})
    assert response.status_code == 200
    assert response.context["action_form"].errors["items"]


def test_malformed_ids_in_the_bulk_actions_are_not_found(client, moderator):
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=["participation", "comment", "hide"])
    for bad in ("abc", "9" * 30):
        assert client.get(f"{url}?id={bad}", follow=True).status_code == 404


def test_blocking_again_after_an_administrator_reactivated_the_account(moderator):
    person = UserFactory()
    services.block_user(person, moderator, "spam", notify=False)
    type(person).objects.filter(pk=person.pk).update(is_active=True)  # Settings → Users
    person.refresh_from_db()
    services.block_user(person, moderator, "insult", notify=False)
    assert Block.objects.filter(user=person, lifted_at=None).get().reason == "insult"
    assert Block.objects.filter(user=person).count() == 2


def test_the_hidden_tab_filters_by_the_latest_reason(client, moderator, proposal):
    comment = comment_on(proposal, "Zweimal versteckt")
    services.moderate(comment, Action.HIDE, moderator, reason="spam", notify=False)
    services.moderate(comment, Action.RESTORE, moderator)
    services.moderate(comment, Action.HIDE, moderator, reason="insult", notify=False)
    client.force_login(moderator)
    assert "Zweimal versteckt" not in queue(client, tab="hidden", reason="spam").content.decode()
    assert "Zweimal versteckt" in queue(client, tab="hidden", reason="insult").content.decode()


def test_a_block_leaves_what_reports_hid_to_the_moderators(moderator, proposal, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    person = UserFactory()
    comment = comment_on(proposal, "Gemeldet", author=person)
    for _ in range(2):
        services.report(UserFactory(), comment, "spam")
    services.block_user(person, moderator, "spam", hide_contributions=True, notify=False)
    services.unblock_user(person, moderator, restore_contributions=True)
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN
    assert Report.objects.open().count() == 2  # still waiting for a moderator's decision
    assert not ModerationLogEntry.objects.filter(action=Action.RESTORE).exists()
