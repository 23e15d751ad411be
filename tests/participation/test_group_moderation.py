"""Moderation of action groups, their updates, needs and offers and relayed messages: reports
hide them at the threshold, moderators hide them with a reason and the author learns why,
blocking hides a person's groups only when the moderator chooses, a group whose only lead is
blocked waits in the queue for a new lead, and the admin shows all of it (escaped) to the
people whose job it is."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

import pytest

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from participation import rules, services
from participation.models import (
    ActionGroup,
    BoardEntry,
    GroupUpdate,
    Membership,
    Moderation,
    ModerationLogEntry,
    RelayMessage,
    Report,
)
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import (
    ActionGroupFactory,
    BoardEntryFactory,
    GroupUpdateFactory,
    MembershipFactory,
    moderation_mails,
)

pytestmark = pytest.mark.django_db

Action = ModerationLogEntry.Action
QUEUE = "/admin/moderation/"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def moderator(db):
    return UserFactory(group=MODERATORS, display_name="Moderatorin")


@pytest.fixture
def editor(db):
    return UserFactory(group=EDITORS, display_name="Redakteur")


@pytest.fixture
def founder(db):
    return UserFactory(display_name="Gründerin")


@pytest.fixture
def group(founder):
    return ActionGroupFactory(
        author=founder, name="Repair-Café Ratzeburg", purpose="Wir reparieren.", lead=True
    )


def relay_message(group, author=None, text=""):
    return RelayMessage.objects.create(
        author=author or UserFactory(display_name="Schreiber"),
        group=group,
        recipient_count=1,
        reported_text=text,
    )


KINDS = {
    "actiongroup": lambda group: group,
    "groupupdate": lambda group: GroupUpdateFactory(group=group, title="Neuer Termin"),
    "boardentry": lambda group: BoardEntryFactory(group=group, title="Werkbank gesucht"),
    "relaymessage": lambda group: relay_message(group, text="Du Idiot"),
}


def report(target, count, reason="insult"):
    for _ in range(count):
        Report.objects.create(target=target, reporter=UserFactory(), reason=reason)


def act(client, items, action, reason="", note=""):
    data = {"items": [f"{item._meta.model_name}:{item.pk}" for item in items], "action": action}
    data.update(reason=reason, note=note)
    return client.post(QUEUE, data)


# --- Reports and hiding --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_reports_hide_at_the_threshold_and_the_item_is_no_longer_readable(group, kind, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    item = KINDS[kind](group)
    model = type(item)
    first = services.report(UserFactory(), item, "insult")
    assert not first.hid
    # Relayed messages are never public; the others are, until enough reports hide them.
    readable_before = model is not RelayMessage
    assert model.objects.readable().filter(pk=item.pk).exists() is readable_before
    assert item.is_readable
    second = services.report(UserFactory(), item, "spam", note="Werbung")
    assert second.hid
    item.refresh_from_db()
    assert item.is_hidden and not item.is_readable
    assert not model.objects.readable().filter(pk=item.pk).exists()
    entry = ModerationLogEntry.objects.get(target_id=item.pk, action=Action.AUTO_HIDE)
    assert entry.moderator is None and entry.target_label == services.label_of(item)
    # Reports hide without telling the author; a moderator's decision will.
    assert moderation_mails() == []


def test_labels_name_each_kind(group):
    assert services.label_of(group) == "Repair-Café Ratzeburg"
    assert services.label_of(KINDS["groupupdate"](group)) == "Neuer Termin"
    assert services.label_of(KINDS["boardentry"](group)) == "Werkbank gesucht"
    label = services.label_of(relay_message(group))
    assert "Repair-Café Ratzeburg" in label and label != "Repair-Café Ratzeburg"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_moderator_hides_with_a_reason_and_the_author_learns_why(
    client, moderator, group, kind, django_capture_on_commit_callbacks
):
    item = KINDS[kind](group)
    report(item, 1)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, [item], "hide", reason="insult", note="Bitte sachlich bleiben.")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_hidden
    entry = ModerationLogEntry.objects.get(target_id=item.pk, action=Action.HIDE)
    assert entry.moderator == moderator and entry.reason == "insult"
    assert Report.objects.of(item).open().count() == 0
    [message] = moderation_mails()
    assert message.to == [item.author.email]
    body = message.body
    assert "Bitte sachlich bleiben." in body
    if kind == "relaymessage":
        # Never public: hiding means the message was reviewed and found abusive.
        assert "Du Idiot" in body and "Repair-Café Ratzeburg" in body
    else:
        assert services.label_of(item) in body
        assert f"http://localhost{item.get_url()}" in body


def test_hiding_a_group_needs_a_reason(client, moderator, group):
    client.force_login(moderator)
    act(client, [group], "hide")
    group.refresh_from_db()
    assert group.is_published


# --- Blocking ------------------------------------------------------------------------------------


def test_blocking_with_hiding_hides_the_groups_the_person_alone_leads(
    client, moderator, founder, group
):
    shared = ActionGroupFactory(author=founder, name="Gemeinsame Gruppe", lead=True)
    MembershipFactory(group=shared, role=Membership.Role.LEAD)
    update = GroupUpdateFactory(group=group, author=founder)
    entry = BoardEntryFactory(group=group, author=founder)
    message = relay_message(ActionGroupFactory(), author=founder)
    client.force_login(moderator)
    response = client.post(
        reverse("moderation:block", args=[founder.pk]),
        {"reason": "spam", "hide_contributions": "on"},
    )
    assert response.status_code == 302
    for item in (group, update, entry):
        item.refresh_from_db()
        assert item.is_hidden, item
    # Other leads carry the shared group on; a relayed message is no public contribution.
    shared.refresh_from_db()
    message.refresh_from_db()
    assert shared.is_published and message.is_published
    assert not ActionGroup.objects.readable().filter(pk=group.pk).exists()


def test_blocking_without_hiding_keeps_the_groups_and_marks_the_lead_as_placeholder(
    moderator, founder, group
):
    services.block_user(founder, moderator, "spam")
    group.refresh_from_db()
    assert group.is_published
    lead = Membership.objects.get(group=group, user=founder)
    assert lead.placeholder and lead.role == Membership.Role.LEAD
    assert list(services.groups_without_lead()) == [group]


def test_a_group_whose_only_lead_is_blocked_waits_in_the_queue_for_a_new_lead(
    client, moderator, founder, group
):
    member = MembershipFactory(group=group, user=UserFactory(display_name="Mitglied Mia"))
    co_led = ActionGroupFactory(author=founder, lead=True)
    MembershipFactory(group=co_led, role=Membership.Role.LEAD)
    assert list(services.orphan_groups_of(founder)) == [group]
    client.force_login(moderator)
    block_page = client.get(reverse("moderation:block", args=[founder.pk])).content.decode()
    assert "Repair-Café Ratzeburg" in block_page
    client.post(reverse("moderation:block", args=[founder.pk]), {"reason": "insult"})
    html = client.get(QUEUE, {"tab": "no_lead"}).content.decode()
    assert "Repair-Café Ratzeburg" in html
    assert co_led.name not in html
    assign_url = reverse("actiongroups:assign_lead", args=[group.pk])
    assert assign_url in html
    form = client.get(assign_url).content.decode()
    assert "Mitglied Mia" in form
    response = client.post(assign_url, {"member": member.pk})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_lead and not member.placeholder
    old = Membership.objects.get(group=group, user=founder)
    assert old.role == Membership.Role.MEMBER and not old.placeholder
    assert client.get(QUEUE, {"tab": "no_lead"}).context["items"] == []
    # Lifting the block later does not make the blocked person lead again.
    services.unblock_user(founder, moderator)
    old.refresh_from_db()
    assert old.role == Membership.Role.MEMBER


def test_lifting_the_block_before_a_new_lead_is_found_gives_the_place_back(
    moderator, founder, group
):
    services.block_user(founder, moderator, "spam")
    services.unblock_user(founder, moderator)
    lead = Membership.objects.get(group=group, user=founder)
    assert lead.is_lead and not lead.placeholder
    assert not services.groups_without_lead().exists()


def test_only_active_members_who_are_not_blocked_can_become_lead(moderator, founder, group):
    services.block_user(founder, moderator, "spam")
    outsider = UserFactory()
    requested = MembershipFactory(group=group, state=Membership.State.REQUESTED)
    blocked = MembershipFactory(group=group)
    blocked.user.is_active = False
    blocked.user.save()
    for person in (outsider, requested.user, blocked.user, founder):
        with pytest.raises(rules.ParticipationError):
            services.assign_lead(moderator, group, person)
    with pytest.raises(rules.ParticipationError):
        services.assign_lead(UserFactory(group=EDITORS), group, requested.user)
    assert services.groups_without_lead().filter(pk=group.pk).exists()


def test_a_group_that_lost_every_lead_row_appears_too(founder, group):
    # As when the only lead deleted their account.
    Membership.objects.filter(group=group).delete()
    assert list(services.groups_without_lead()) == [group]


# --- The queue -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_type_filter_lists_each_new_kind(client, moderator, group, kind):
    items = {name: make(group) for name, make in KINDS.items()}
    for item in items.values():
        report(item, 1)
    client.force_login(moderator)
    response = client.get(QUEUE, {"kind": kind})
    assert response.status_code == 200
    listed = {item.key for item in response.context["items"]}
    assert listed == {f"{kind}:{items[kind].pk}"}
    html = response.content.decode()
    assert f'<option value="{kind}" selected>' in html
    item = items[kind]
    inspect = response.context["items"][0].inspect_url
    assert inspect in html and client.get(inspect).status_code == 200
    if kind != "relaymessage":
        assert item.get_url() in html


def test_the_type_filter_offers_the_new_kinds_by_name(client, moderator):
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    for model in (ActionGroup, GroupUpdate, BoardEntry, RelayMessage):
        label = capfirst(in_german(model._meta.verbose_name_plural))
        assert f">{escape(label)}</option>" in html


def test_a_relayed_message_shows_only_its_reported_text_escaped(client, moderator, group):
    message = relay_message(group, text=f"Hallo {SCRIPT}")
    report(message, 1)
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    inspect = client.get(reverse("relaymessages:inspect", args=[message.pk])).content.decode()
    assert SCRIPT not in inspect and "&lt;script&gt;" in inspect


def test_html_in_groups_is_shown_as_text_in_the_queue_and_the_admin(client, moderator):
    group = ActionGroupFactory(name=f"Gruppe {SCRIPT}", purpose=f"Zweck {SCRIPT}")
    update = GroupUpdateFactory(group=group, title=f"Update {SCRIPT}", text=SCRIPT)
    entry = BoardEntryFactory(group=group, title=f"Bedarf {SCRIPT}", description=SCRIPT)
    for item in (group, update, entry):
        report(item, 1)
    client.force_login(moderator)
    pages = [
        QUEUE,
        reverse("actiongroups:index"),
        reverse("actiongroups:inspect", args=[group.pk]),
        reverse("groupupdates:index"),
        reverse("groupupdates:inspect", args=[update.pk]),
        reverse("boardentries:index"),
        reverse("boardentries:inspect", args=[entry.pk]),
        reverse("relaymessages:index"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.content.decode(), url


def test_the_group_inspect_view_shows_size_and_leads(client, moderator, founder, group):
    MembershipFactory(group=group, user=UserFactory(display_name="Zweite Leitung"), role="lead")
    ActionGroup.objects.filter(pk=group.pk).update(member_count=7)
    client.force_login(moderator)
    html = client.get(reverse("actiongroups:inspect", args=[group.pk])).content.decode()
    assert "Gründerin, Zweite Leitung" in html
    assert re.search(r"<dt>[^<]*</dt>\s*<dd>\s*7\s*</dd>", html)


def test_the_queue_costs_the_same_for_5_and_30_groups(client, moderator):
    def count():
        client.get(QUEUE, {"tab": "pending"})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(QUEUE, {"tab": "pending"})
        assert response.status_code == 200
        return len(captured.captured_queries)

    def add(number):
        for _ in range(number):
            group = ActionGroupFactory(moderation=Moderation.PENDING, lead=True)
            GroupUpdateFactory(group=group, moderation=Moderation.PENDING)

    client.force_login(moderator)
    add(5)
    few = count()
    add(25)
    assert count() == few


# --- Who does what -------------------------------------------------------------------------------


def test_an_editor_features_a_group_but_cannot_moderate(client, editor, group):
    client.force_login(editor)
    edit = reverse("actiongroups:edit", args=[group.pk])
    response = client.post(edit, {"featured": "on"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.featured
    assert client.get(QUEUE).status_code != 200
    report(group, 1)
    act(client, [group], "hide", reason="spam")
    bulk = reverse("wagtail_bulk_action", args=["participation", "actiongroup", "hide"])
    client.post(f"{bulk}?id={group.pk}", {"reason": "spam"})
    group.refresh_from_db()
    assert group.is_published
    assert not rules.may_moderate(editor, ActionGroup)


def test_a_moderator_moderates_a_group_but_cannot_feature_it(client, moderator, group):
    client.force_login(moderator)
    edit = reverse("actiongroups:edit", args=[group.pk])
    client.post(edit, {"featured": "on"})
    group.refresh_from_db()
    assert not group.featured
    with pytest.raises(rules.ParticipationError):
        services.feature_group(moderator, group, True)
    bulk = reverse("wagtail_bulk_action", args=["participation", "actiongroup", "hide"])
    response = client.post(f"{bulk}?id={group.pk}", {"reason": "spam"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.is_hidden


def test_lead_editors_do_both(client, group):
    chief = UserFactory(group=LEAD_EDITORS)
    assert rules.may_moderate(chief, ActionGroup) and rules.may_feature_groups(chief)
    services.feature_group(chief, group, True)
    group.refresh_from_db()
    assert group.featured


def test_the_featuring_form_changes_nothing_but_the_flag(client, editor, group):
    client.force_login(editor)
    edit = reverse("actiongroups:edit", args=[group.pk])
    client.post(edit, {"featured": "on", "name": "Übernommen", "moderation": "hidden"})
    group.refresh_from_db()
    assert group.featured and group.name == "Repair-Café Ratzeburg" and group.is_published


@pytest.mark.parametrize(
    ("model", "viewset"),
    [(GroupUpdate, "groupupdates"), (BoardEntry, "boardentries"), (RelayMessage, "relaymessages")],
)
def test_nobody_edits_updates_entries_or_messages_in_the_admin(client, group, model, viewset):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    item = {"groupupdates": KINDS["groupupdate"], "boardentries": KINDS["boardentry"]}.get(
        viewset, KINDS["relaymessage"]
    )(group)
    assert client.get(reverse(f"{viewset}:index")).status_code == 200
    response = client.get(reverse(f"{viewset}:edit", args=[item.pk]))
    assert response.status_code != 200


def test_a_reported_comment_on_a_group_links_to_the_group(client, moderator, group):
    comment = services.create_comment(UserFactory(), group, "Unsinn", process=None)
    report(comment, 1)
    client.force_login(moderator)
    response = client.get(QUEUE, {"kind": "comment"})
    html = response.content.decode()
    assert f"{group.get_url()}#comment-{comment.pk}" in html
    assert "Repair-Café Ratzeburg" in html


def test_a_group_whose_remaining_lead_is_blocked_needs_a_new_lead(moderator, founder, group):
    """Blocked while another led too, the person stays lead; should the other lead leave, the
    group has no lead who can act and appears in the queue."""
    other = MembershipFactory(group=group, role=Membership.Role.LEAD)
    services.block_user(founder, moderator, "spam")
    assert not services.groups_without_lead().exists()
    other.delete()
    assert list(services.groups_without_lead()) == [group]
