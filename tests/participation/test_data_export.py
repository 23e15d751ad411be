"""Download my data (GDPR Art. 15/20): the archive holds every kind of data a person has and
nothing of anybody else; its link works once, for its owner only, for 24 hours; it is built by
the worker, or in the request where there is none; and it survives a worker that is down, a
database error, two requests at once and a person deleted while it waits."""

import csv
import io
import json
import zipfile
from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django_tasks_db.models import DBTaskResult

from cms.roles import RESIDENTS
from participation import retention
from participation.models import (
    Activity,
    Ballot,
    BallotChoice,
    Block,
    BoardEntry,
    Comment,
    DataExport,
    EventRegistration,
    Follow,
    GroupUpdate,
    HelpfulMark,
    Membership,
    ModerationLogEntry,
    Notification,
    NotificationPreference,
    Poll,
    PollChoice,
    ProposalVersion,
    RelayMessage,
    Report,
    Support,
    Unfollow,
)
from participation.models.accounts import hash_token
from participation.services import data_export as exports
from participation.views.data_export import COOKIE
from tests.cms.factories import FieldOfActionFactory, UserFactory, german
from tests.conftest import in_german, main_of, queries_of
from tests.home.factories import EventIndexPageFactory, EventPageFactory
from tests.participation.factories import ActionGroupFactory, ProposalFactory
from tests.participation.test_supports import (  # noqa: F401 - fixtures
    concurrent,
    make_process,
    postgres,
    run_in_parallel,
)
from tests.participation.worker import run_queue, use_database_queue
from tests.test_person_relations import relations_to_people

pytestmark = pytest.mark.django_db


# --- Two people with everything --------------------------------------------------------------
#
# Each person's own free text carries "<MARK>-TEXT", their titles and names "<MARK>-TITEL". The
# archive of one may name the other's things by title where it points at them (the proposal it
# supports, the thread of its comment), but never hold the other's texts, name or addresses.


@pytest.fixture
def world(site_homes):
    home = site_homes[0]
    process = make_process(home)
    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=events, title="Werkstatt Dorfladen")
    event.save_revision().publish()
    poll = Poll.objects.create(
        question="Wohin mit dem Dorffest?", locale=german(), allow_other=True
    )
    choices = [
        PollChoice.objects.create(poll=poll, label=label, locale=poll.locale, sort_order=n)
        for n, label in enumerate(["Auf den Markt", "An den See"])
    ]
    moderator = UserFactory(display_name="Moderatorin Mona", email="mona@example.org")
    return {
        "process": process,
        "event": event,
        "poll": poll,
        "choices": choices,
        "field": FieldOfActionFactory(name="Mobilität", slug="mobilitaet"),
        "moderator": moderator,
    }


def own_things(person, mark, world, n=1):
    """``n`` of each thing ``person`` makes on their own."""
    field, process = world["field"], world["process"]
    things = {"proposals": [], "comments": [], "groups": [], "entries": []}
    for i in range(n):
        proposal = ProposalFactory(
            process=process,
            author=person,
            field_of_action=field,
            title=f"{mark}-TITEL Vorschlag {i}",
            summary=f"{mark}-TEXT Zusammenfassung {i}",
            text=f"{mark}-TEXT Vorschlagstext {i}",
            answer=f"<p>Antwort an {mark} <b>{i}</b></p>",
            municipality="Wismar",
        )
        ProposalVersion.objects.create(
            proposal=proposal,
            number=1,
            title=f"{mark}-TITEL früher {i}",
            summary=f"{mark}-TEXT frühere Zusammenfassung {i}",
            text=f"{mark}-TEXT früherer Text {i}",
            field_of_action=field,
        )
        group = ActionGroupFactory(
            author=person, name=f"{mark}-TITEL Gruppe {i}", purpose=f"{mark}-TEXT Zweck {i}"
        )
        Membership.objects.create(group=group, user=person, role="lead", state="active")
        GroupUpdate.objects.create(
            group=group, author=person, title=f"{mark}-TITEL Neuigkeit {i}", text=f"{mark}-TEXT {i}"
        )
        entry = BoardEntry.objects.create(
            kind="need",
            group=group,
            author=person,
            category="room",
            title=f"{mark}-TITEL Raum {i}",
            description=f"{mark}-TEXT Raumsuche {i}",
            field_of_action=field,
        )
        comment = Comment.objects.create(
            target=proposal, process=process, author=person, text=f"{mark}-TEXT Frage {i}"
        )
        things["proposals"].append(proposal)
        things["comments"].append(comment)
        things["groups"].append(group)
        things["entries"].append(entry)
    return things


def interactions(person, mark, mine, theirs, other, world, n=1):
    """``n`` of each thing ``person`` does with ``other``'s things (``theirs``), and what the
    platform keeps about ``person`` alone."""
    process, event, poll, moderator = (
        world["process"],
        world["event"],
        world["poll"],
        world["moderator"],
    )
    for i in range(n):
        their_proposal, their_comment = theirs["proposals"][i], theirs["comments"][i]
        their_group, their_entry = theirs["groups"][i], theirs["entries"][i]
        Support.objects.create(proposal=their_proposal, user=person, process=process)
        Comment.objects.create(
            target=their_proposal,
            process=process,
            author=person,
            parent=their_comment,
            text=f"{mark}-TEXT Antwort {i}",
        )
        HelpfulMark.objects.create(comment=their_comment, user=person)
        Membership.objects.create(
            group=their_group, user=person, state="requested", message=f"{mark}-TEXT Bitte {i}"
        )
        RelayMessage.objects.create(
            author=person,
            sender_name=person.display_name,
            sender_email=person.email,
            group=their_group,
            recipient_count=1,
        )
        RelayMessage.objects.create(
            author=person,
            sender_name=person.display_name,
            sender_email=person.email,
            entry=their_entry,
            recipient_count=1,
        )
        Follow.objects.create(user=person, target=their_proposal)
        Follow.objects.create(user=person, target=mine["groups"][i], automatic=True)
        Unfollow.objects.create(
            user=person,
            target_type=ContentType.objects.get_for_model(their_group),
            target_id=their_group.pk,
        )
        Report.objects.create(
            target=their_comment, reporter=person, reason="spam", note=f"{mark}-TEXT Meldung {i}"
        )
        # What ``other`` did that ``person`` hears about; the activity's data quotes ``other``.
        reply = Activity.objects.create(
            kind="comment_reply",
            actor=other,
            target=their_comment,
            data={"title": their_comment.text, "excerpt": their_comment.text},
        )
        join = Activity.objects.create(
            kind="join_request",
            actor=other,
            target=mine["groups"][i],
            data={"requester": other.display_name, "message": f"{mark}-LEAK {other.email}"},
        )
        for activity in (reply, join):
            Notification.objects.create(
                recipient=person, activity=activity, reason=activity.kind, read_at=timezone.now()
            )
        ModerationLogEntry.objects.create(
            action="hide",
            moderator=moderator,
            target=mine["comments"][i],
            target_label=mine["comments"][i].text[:60],
            author=person,
            reason="insult",
            note=f"{mark}-TEXT Begründung {i}",
        )
        ModerationLogEntry.objects.create(
            action="auto_hide",
            target=mine["comments"][i],
            target_label=mine["comments"][i].text[:60],
            author=person,
            note=f"{mark}-INTERN {i}",
        )
    EventRegistration.objects.create(
        event=event,
        user=person,
        status="confirmed",
        places=2,
        note=f"{mark}-TEXT Kuchen",
        group=mine["groups"][0],
    )
    ballot = Ballot.objects.create(
        poll_key=poll.translation_key, user=person, other_text=f"{mark}-TEXT Festwiese"
    )
    BallotChoice.objects.create(ballot=ballot, choice_key=world["choices"][0].translation_key)
    NotificationPreference.objects.create(user=person, reason="new_comment", delivery="off")
    block = Block.objects.create(
        user=person,
        reason="spam",
        note=f"{mark}-TEXT Hinweis",
        blocked_by=moderator,
        lifted_by=moderator,
        lifted_at=timezone.now(),
    )
    notice = Activity.objects.create(kind="moderation", target=block, data={"block": block.pk})
    Notification.objects.create(recipient=person, activity=notice, reason="moderation")
    EmailAddress.objects.create(user=person, email=f"{mark.lower()}.zweit@example.org")
    person.about = f"{mark}-TEXT über mich"
    person.public_profile = True
    person.save()
    person.fields_of_interest.add(world["field"])
    Authenticator.objects.create(
        user=person, type="totp", data={"secret": f"{mark}-SECRET"}, last_used_at=timezone.now()
    )
    Authenticator.objects.create(
        user=person,
        type="webauthn",
        data={"name": f"{mark}-KEY", "credential": {"id": f"{mark}-CREDENTIAL"}},
    )
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "en"
    profile.save()


def two_people(world, n=1):
    erika = UserFactory(display_name="Erika Export", email="erika@example.org")
    otto = UserFactory(display_name="Otto Anders", email="otto@example.org")
    erikas, ottos = own_things(erika, "ERIKA", world, n), own_things(otto, "OTTO", world, n)
    interactions(erika, "ERIKA", erikas, ottos, otto, world, n)
    interactions(otto, "OTTO", ottos, erikas, erika, world, n)
    erika.refresh_from_db()
    otto.refresh_from_db()
    return erika, otto


def unzip(data):
    """``{name: text}`` of every file in the archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def csv_rows(files, kind):
    return list(csv.DictReader(io.StringIO(files[f"csv/{kind}.csv"].lstrip("\ufeff"))))


class TestArchive:
    def test_every_kind_of_the_persons_data_is_in_it(self, world):
        erika, _otto = two_people(world)
        exports.request_export(erika)
        files = unzip(exports.build_archive(erika))
        kinds = [kind.name for kind in exports.KINDS]
        assert set(files) == {"README.txt", "data.json", *(f"csv/{k}.csv" for k in kinds)}
        data = json.loads(files["data.json"])
        empty = [kind for kind in kinds if not data[kind]]
        assert not empty, f"No rows for {empty}"
        for kind in exports.KINDS:
            rows = csv_rows(files, kind.name)
            assert len(rows) == len(data[kind.name]), kind.name
            assert tuple(rows[0]) == kind.columns

        account = data["account"][0]
        assert account["email"] == "erika@example.org"
        assert account["display_name"] == "Erika Export"
        assert account["language"] == "de"
        assert account["roles"] == [RESIDENTS]
        assert account["date_joined"] == timezone.localtime(erika.date_joined).isoformat()
        assert {a["email"] for a in data["email_addresses"]} == {
            "erika@example.org",
            "erika.zweit@example.org",
        }
        assert data["profile"] == [
            {
                "about": "ERIKA-TEXT über mich",
                "fields_of_interest": ["Mobilität"],
                "public_profile": True,
            }
        ]
        proposal = data["proposals"][0]
        assert proposal["text"] == "ERIKA-TEXT Vorschlagstext 0"
        assert proposal["answer"] == "Antwort an ERIKA 0"
        assert proposal["state_label"] == in_german("Submitted")
        assert proposal["address"].startswith("http://localhost/de/")
        assert data["proposal_versions"][0]["text"] == "ERIKA-TEXT früherer Text 0"
        comments = {c["text"]: c for c in data["comments"]}
        assert set(comments) == {"ERIKA-TEXT Frage 0", "ERIKA-TEXT Antwort 0"}
        reply = comments["ERIKA-TEXT Antwort 0"]
        assert reply["thread"] == "OTTO-TITEL Vorschlag 0"
        assert reply["reply_to"].endswith(
            f"#comment-{Comment.objects.get(text='OTTO-TEXT Frage 0').pk}"
        )
        assert data["helpful_marks"][0]["thread"] == "OTTO-TITEL Vorschlag 0"
        assert data["supports"][0]["proposal"] == "OTTO-TITEL Vorschlag 0"
        assert data["poll_ballots"] == [
            {
                "poll": "Wohin mit dem Dorffest?",
                "address": data["poll_ballots"][0]["address"],
                "answers": ["Auf den Markt"],
                "own_answer": "ERIKA-TEXT Festwiese",
                "created_at": data["poll_ballots"][0]["created_at"],
                "updated_at": data["poll_ballots"][0]["updated_at"],
            }
        ]
        registration = data["event_registrations"][0]
        assert registration["event"] == "Werkstatt Dorfladen"
        assert (registration["note"], registration["places"]) == ("ERIKA-TEXT Kuchen", 2)
        assert registration["for_group"] == "ERIKA-TITEL Gruppe 0"
        memberships = {m["group"]: m for m in data["group_memberships"]}
        assert memberships["ERIKA-TITEL Gruppe 0"]["role"] == "lead"
        assert memberships["OTTO-TITEL Gruppe 0"]["message"] == "ERIKA-TEXT Bitte 0"
        assert data["founded_groups"][0]["purpose"] == "ERIKA-TEXT Zweck 0"
        assert data["group_updates"][0]["text"] == "ERIKA-TEXT 0"
        assert data["board_entries"][0]["description"] == "ERIKA-TEXT Raumsuche 0"
        assert {m["to"] for m in data["relay_messages"]} == {
            "OTTO-TITEL Gruppe 0",
            "OTTO-TITEL Raum 0",
        }
        assert {(f["title"], f["automatic"]) for f in data["follows"]} == {
            ("OTTO-TITEL Vorschlag 0", False),
            ("ERIKA-TITEL Gruppe 0", True),
        }
        assert data["unfollows"][0]["title"] == "OTTO-TITEL Gruppe 0"
        assert {n["reason"] for n in data["notifications"]} == {
            "comment_reply",
            "join_request",
            "moderation",
        }
        assert data["notification_settings"] == [
            {
                "reason": "new_comment",
                "reason_label": in_german("A new comment on my proposal or a thread I follow"),
                "delivery": "off",
                "delivery_label": in_german("Only on the site"),
            }
        ]
        assert data["reports"][0]["note"] == "ERIKA-TEXT Meldung 0"
        assert data["reports"][0]["title"] == "OTTO-TITEL Vorschlag 0"
        assert [(d["action"], d["note"]) for d in data["moderation_decisions"]] == [
            ("hide", "ERIKA-TEXT Begründung 0")
        ]
        assert data["blocks"][0]["note"] == "ERIKA-TEXT Hinweis"
        assert {(a["type"], a["name"]) for a in data["two_factor_authentication"]} == {
            ("totp", ""),
            ("webauthn", "ERIKA-KEY"),
        }
        assert data["admin_settings"][0]["preferred_language"] == "en"
        assert [d["state"] for d in data["data_downloads"]] == ["ready"]

    def test_nothing_of_the_other_person_nor_of_secrets(self, world, client):
        erika, otto = two_people(world)
        client.force_login(erika)
        client.post(reverse("area:request_export"))
        export = DataExport.objects.get(user=erika)
        token = token_of(client)
        assert token
        text = "\n".join(unzip(bytes(export.archive)).values())

        for leak in (
            otto.email,
            "otto.zweit@example.org",
            otto.display_name,
            "Otto",
            "OTTO-TEXT",
            "OTTO-LEAK",
            "ERIKA-LEAK",
            "OTTO-SECRET",
            "OTTO-KEY",
            # Moderators' identities and the notes of report-driven decisions.
            "Moderatorin Mona",
            "mona@example.org",
            "ERIKA-INTERN",
            # Erika's own secrets: second factors, password hash, session, link.
            "ERIKA-SECRET",
            "ERIKA-CREDENTIAL",
            erika.password,
            client.session.session_key,
            token,
            export.token_hash,
        ):
            assert leak not in text, leak
        # What Erika points at is named by its title, nothing more.
        assert "OTTO-TITEL Vorschlag 0" in text
        assert "ERIKA-TEXT" in text and "ERIKA-KEY" in text

    def test_things_the_person_can_no_longer_see_lose_their_title(self, world):
        erika, _otto = two_people(world)
        proposal = ProposalFactory(
            process=world["process"], title="VERSTECKT-TITEL", moderation="hidden"
        )
        Support.objects.create(proposal=proposal, user=erika, process=world["process"])
        Follow.objects.create(user=erika, target=proposal)
        data = exports.collect(erika)
        assert "VERSTECKT-TITEL" not in json.dumps(data, default=str)
        assert {"proposal": "", "address": ""}.items() <= data["supports"][-1].items()

    def test_spreadsheets_do_not_run_what_somebody_typed(self, world):
        erika, _otto = two_people(world)
        proposal = ProposalFactory(process=world["process"], title='=HYPERLINK("http://x")')
        Support.objects.create(proposal=proposal, user=erika, process=world["process"])
        files = unzip(exports.build_archive(erika))
        titles = [row["proposal"] for row in csv_rows(files, "supports")]
        assert '\'=HYPERLINK("http://x")' in titles
        assert '=HYPERLINK("http://x")' in files["data.json"].replace('\\"', '"')

    def test_the_readme_explains_the_files_in_the_persons_language(self, world):
        erika, _otto = two_people(world)
        erika.language = "en"
        erika.save()
        files = unzip(exports.build_archive(erika))
        readme = files["README.txt"]
        assert readme.startswith("LANDVORTEIL: your data")
        for kind in exports.KINDS:
            assert f"csv/{kind.name}.csv" in readme
        assert json.loads(files["data.json"])["proposals"][0]["state_label"] == "Submitted"
        assert "/en/" in json.loads(files["data.json"])["poll_ballots"][0]["address"]

    def test_building_costs_the_same_queries_for_one_and_for_three_of_everything(self, world):
        one, _ = two_people(world, n=1)
        three = UserFactory(display_name="Drei", email="drei@example.org")
        four = UserFactory(display_name="Vier", email="vier@example.org")
        threes, fours = own_things(three, "DREI", world, 3), own_things(four, "VIER", world, 3)
        interactions(three, "DREI", threes, fours, four, world, 3)
        exports.build_archive(one)  # caches: content types, site root paths
        counts = []
        for person in (one, three):
            with CaptureQueriesContext(connection) as captured:
                exports.build_archive(person)
            counts.append(len(captured))
        assert counts[0] == counts[1], counts
        assert counts[0] <= 45, counts


# --- Every relation to a person is in the archive, or why not ------------------------------------

IN_ARCHIVE = {
    "participation.Report.reporter": "reports",
    "participation.Block.user": "blocks",
    "participation.ModerationLogEntry.author": "moderation_decisions",
    "participation.Comment.author": "comments",
    "participation.HelpfulMark.user": "helpful_marks",
    "participation.Proposal.author": "proposals",
    "participation.Support.user": "supports",
    "participation.ActionGroup.author": "founded_groups",
    "participation.Membership.user": "group_memberships",
    "participation.GroupUpdate.author": "group_updates",
    "participation.BoardEntry.author": "board_entries",
    "participation.RelayMessage.author": "relay_messages",
    "participation.Ballot.user": "poll_ballots",
    "participation.EventRegistration.user": "event_registrations",
    "participation.Follow.user": "follows",
    "participation.Unfollow.user": "unfollows",
    "participation.Notification.recipient": "notifications",
    "participation.NotificationPreference.user": "notification_settings",
    "participation.DataExport.user": "data_downloads",
    "account.EmailAddress.user": "email_addresses",
    "mfa.Authenticator.user": "two_factor_authentication",
    "wagtailusers.UserProfile.user": "admin_settings",
}

# Why the rest is not: records of other people's actions on the person, or of staff work.
NOT_IN_ARCHIVE = {
    # Moderators' identities; the blocks and decisions themselves are in the archive.
    "participation.Block.blocked_by",
    "participation.Block.lifted_by",
    "participation.ModerationLogEntry.moderator",
    # What others were told the person did; the person's own contributions are in the archive.
    "participation.Activity.actor",
    # Staff work in the editorial admin (README: ask us).
    "home.AccessibilityFeedback.handled_by",
    "wagtail_localize.StringTranslation.last_translated_by",
    "wagtail_localize.SegmentOverride.last_translated_by",
    "wagtaildocs.Document.uploaded_by_user",
    "wagtailimages.Image.uploaded_by_user",
    "wagtailadmin.EditingSession.user",
    "wagtailadmin.FormState.user",
    "wagtailcore.APIToken.user",
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.Revision.user",
    "wagtailcore.UploadedFile.uploaded_by_user",
    "wagtailcore.WorkflowState.requested_by",
    "wagtailcore.TaskState.finished_by",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Page.owner",
    "wagtailcore.PageLogEntry.user",
    "wagtailcore.Comment.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.CommentReply.user",
    "wagtailcore.PageSubscription.user",
}


def test_every_relation_to_a_person_is_exported_or_left_out_for_a_reason():
    found = set(relations_to_people())
    undecided = sorted(found - set(IN_ARCHIVE) - NOT_IN_ARCHIVE)
    assert not undecided, f"Decide whether the data download holds: {undecided}"
    assert not (set(IN_ARCHIVE) | NOT_IN_ARCHIVE) - found, "Remove relations that are gone."
    assert set(IN_ARCHIVE.values()) <= {kind.name for kind in exports.KINDS}


# --- Asking and downloading ----------------------------------------------------------------------


@pytest.fixture
def resident(site_homes):
    return UserFactory(display_name="Erika Export", email="erika@example.org")


def section(client):
    html = main_of(client.get(reverse("area:account")))
    return html.split('id="data-export"', 1)[1].split("</section>", 1)[0]


def ask(client):
    response = client.post(reverse("area:request_export"))
    assert response.status_code == 302
    assert response["Location"] == reverse("area:account") + "#data-export"
    return response


def token_of(client):
    """The link secret the browser keeps ("" once it was used)."""
    cookie = client.cookies.get(COOKIE)
    return cookie.value if cookie is not None else ""


def link_of(client):
    return reverse("area:download_export", kwargs={"token": token_of(client)})


class TestDownload:
    def test_without_a_worker_it_is_built_in_the_request_and_downloaded_once(
        self, client, resident
    ):
        client.force_login(resident)
        assert in_german("Prepare my data for download") in section(client)
        ask(client)
        export = DataExport.objects.get(user=resident)
        assert export.state == DataExport.State.READY
        assert export.token_hash == hash_token(token_of(client))
        assert export.expires_at == export.ready_at + timedelta(hours=24)
        link = link_of(client)
        html = section(client)
        assert link in html
        assert in_german("Your data is ready.") in html

        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        today = timezone.localdate().isoformat()
        assert response["Content-Disposition"] == (
            f'attachment; filename="landvorteil-daten-{today}.zip"'
        )
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        files = unzip(response.content)
        assert json.loads(files["data.json"])["account"][0]["email"] == resident.email

        export.refresh_from_db()
        assert export.downloaded_at is not None
        assert bytes(export.archive) == b""
        assert token_of(client) == ""
        html = section(client)
        assert link not in html
        assert in_german("Prepare my data again") in html

    def test_a_replayed_link_is_not_found(self, client, resident):
        client.force_login(resident)
        ask(client)
        link = link_of(client)
        assert client.get(link).status_code == 200
        assert client.get(link).status_code == 404

    def test_the_link_is_the_owners_only(self, client, resident):
        client.force_login(resident)
        ask(client)
        link = link_of(client)
        other = UserFactory()
        client.force_login(other)
        assert client.get(link).status_code == 404
        client.logout()
        response = client.get(link)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        # Signed in as somebody else after the redirect: still nothing.
        client.force_login(other)
        assert client.get(link).status_code == 404
        # Nobody else used it up.
        client.force_login(resident)
        assert client.get(link).status_code == 200

    @pytest.mark.parametrize(
        "token", ["x", "a" * 42, "a" * 44, "a" * 42 + "!", "a" * 42 + "=", "A" * 43]
    )
    def test_a_malformed_or_unknown_link_is_not_found(self, client, resident, token):
        client.force_login(resident)
        ask(client)
        url = reverse("area:download_export", kwargs={"token": token})
        assert client.get(url).status_code == 404
        assert DataExport.objects.get(user=resident).downloaded_at is None

    def test_the_link_expires_24_hours_after_it_is_ready(self, client, resident, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        client.force_login(resident)
        ask(client)
        link = link_of(client)
        time_machine.move_to(start + timedelta(hours=24), tick=False)
        assert client.get(link).status_code == 404
        html = section(client)
        assert in_german("Prepare my data again") in html
        assert link not in html
        # Asked again: a new download, with a new link.
        ask(client)
        assert DataExport.objects.filter(user=resident).count() == 2
        assert link_of(client) != link
        assert client.get(link_of(client)).status_code == 200

    def test_the_link_works_until_just_before_it_expires(self, client, resident, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        client.force_login(resident)
        ask(client)
        time_machine.move_to(start + timedelta(hours=23, minutes=59), tick=False)
        assert client.get(link_of(client)).status_code == 200

    def test_only_posts_ask_and_only_gets_download(self, client, resident):
        client.force_login(resident)
        assert client.get(reverse("area:request_export")).status_code == 405
        ask(client)
        assert client.head(link_of(client)).status_code == 405
        assert client.post(link_of(client)).status_code == 405
        assert DataExport.objects.get(user=resident).downloaded_at is None

    def test_anonymous_people_sign_in_first(self, client, resident):
        response = client.post(reverse("area:request_export"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not DataExport.objects.exists()


class TestOneAtATime:
    def test_asking_again_returns_the_open_download(self, client, resident):
        client.force_login(resident)
        ask(client)
        link = link_of(client)
        response = client.post(reverse("area:request_export"), follow=True)
        assert in_german("Your data is ready: download it below.") in response.content.decode()
        assert DataExport.objects.filter(user=resident).count() == 1
        assert link_of(client) == link

    def test_another_browser_gets_a_new_link_and_the_old_one_dies(self, client, resident):
        client.force_login(resident)
        ask(client)
        old = link_of(client)
        laptop = Client()
        laptop.force_login(resident)
        assert in_german("Get a new link") in section(laptop)
        ask(laptop)
        assert DataExport.objects.filter(user=resident).count() == 1
        assert link_of(laptop) != old
        assert client.get(old).status_code == 404
        assert laptop.get(link_of(laptop)).status_code == 200

    def test_at_most_five_a_day(self, client, resident, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        client.force_login(resident)
        for _ in range(exports.DAILY_LIMIT):
            ask(client)
            assert client.get(link_of(client)).status_code == 200
        response = client.post(reverse("area:request_export"), follow=True)
        assert (
            in_german(
                "You have asked for your data %(count)s times in the last 24 hours. "
                "Please try again tomorrow.",
                count=exports.DAILY_LIMIT,
            )
            in response.content.decode()
        )
        assert DataExport.objects.filter(user=resident).count() == exports.DAILY_LIMIT
        time_machine.move_to(start + timedelta(hours=24, seconds=1), tick=False)
        ask(client)
        assert DataExport.objects.filter(user=resident).count() == exports.DAILY_LIMIT + 1

    def test_the_account_page_costs_the_same_queries_whatever_the_history(self, client, site_homes):
        few, many = UserFactory(), UserFactory()
        client.force_login(many)
        for _ in range(4):
            ask(client)
            client.get(link_of(client))
        ask(client)
        counts = []
        for person in (few, many):
            client.force_login(person)
            response, queries = queries_of(client, reverse("area:account"))
            assert response.status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


class TestFaults:
    def test_while_the_worker_is_down_it_waits_and_is_not_asked_twice(
        self, client, resident, settings, time_machine
    ):
        use_database_queue(settings)
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        client.force_login(resident)
        response = client.post(reverse("area:request_export"), follow=True)
        assert (
            in_german("We are preparing your data. Reload this page in a minute to download it.")
            in response.content.decode()
        )
        export = DataExport.objects.get(user=resident)
        assert export.state == DataExport.State.QUEUED
        html = section(client)
        assert in_german("Your data is being prepared.") in html
        assert "<form" not in html
        ask(client)
        assert DataExport.objects.count() == 1
        assert DBTaskResult.objects.filter(backend_name="worker").count() == 1

        # Still waiting a while later: the person may ask again, which queues the build again.
        time_machine.move_to(start + exports.STALE_AFTER, tick=False)
        html = section(client)
        assert (
            in_german(
                "This is taking longer than usual. You can ask again; we will not prepare it twice."
            )
            in html
        )
        assert in_german("Ask again") in html
        ask(client)
        assert DataExport.objects.count() == 1
        assert DBTaskResult.objects.filter(backend_name="worker").count() == 2

        # The worker is back: built once, and the link in this browser works.
        assert run_queue() == 2
        export.refresh_from_db()
        assert export.state == DataExport.State.READY
        assert link_of(client) in section(client)
        assert client.get(link_of(client)).status_code == 200

    def test_a_download_the_worker_never_built_counts_as_failed_after_a_day(
        self, client, resident, settings, time_machine
    ):
        use_database_queue(settings)
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        client.force_login(resident)
        ask(client)
        time_machine.move_to(start + timedelta(hours=24), tick=False)
        assert in_german("Preparing your data failed.") in section(client)
        ask(client)
        assert DataExport.objects.filter(user=resident).count() == 2

    def test_a_database_error_while_building_fails_it_and_the_person_tries_again(
        self, client, resident
    ):
        def broken_comments(execute, sql, params, many, context):
            if "participation_comment" in sql:
                raise DatabaseError("the comments' table is gone")
            return execute(sql, params, many, context)

        client.force_login(resident)
        with connection.execute_wrapper(broken_comments):
            response = client.post(reverse("area:request_export"))
        assert response.status_code == 302
        export = DataExport.objects.get(user=resident)
        assert export.state == DataExport.State.FAILED
        assert export.archive is None
        html = section(client)
        assert in_german("Preparing your data failed.") in html
        assert in_german("Prepare my data again") in html
        ask(client)
        assert DataExport.objects.get(user=resident, state="ready")
        assert client.get(link_of(client)).status_code == 200

    def test_a_person_deleted_while_the_download_waits_leaves_nothing_behind(
        self, resident, settings
    ):
        use_database_queue(settings)
        exports.request_export(resident)
        resident.delete()
        assert run_queue() == 1
        result = DBTaskResult.objects.get(backend_name="worker")
        assert result.status == "SUCCESSFUL"
        assert not DataExport.objects.exists()

    def test_expired_downloads_are_deleted_with_their_archives(self, resident, time_machine):
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        exports.request_export(resident)
        assert retention.delete_expired_data_exports(start + timedelta(hours=23)).count == 0
        assert retention.delete_expired_data_exports(start + timedelta(hours=24)).count == 1
        assert not DataExport.objects.exists()


@concurrent
def test_two_requests_at_once_make_one_download(postgres, site_homes):  # noqa: F811
    Group.objects.get_or_create(name=RESIDENTS)
    resident = UserFactory()
    outcomes = run_in_parallel([lambda: exports.request_export(resident)] * 2)
    assert outcomes == ["ok", "ok"], outcomes
    assert DataExport.objects.filter(user=resident).count() == 1


@concurrent
def test_two_downloads_with_one_link_at_once_hand_it_out_once(postgres, site_homes):  # noqa: F811
    Group.objects.get_or_create(name=RESIDENTS)
    resident = UserFactory()
    result = exports.request_export(resident)
    claimed = []

    def download():
        export = exports.find_download(resident, result.token)
        claimed.append(export is not None and exports.claim_download(export))

    assert run_in_parallel([download] * 2) == ["ok", "ok"]
    assert sorted(claimed) == [False, True]
