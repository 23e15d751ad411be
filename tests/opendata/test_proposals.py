"""/api/v1/proposals/ and their comments: only what everybody may read, also in counts; the
author's display name and never an e-mail address; filters, ordering and cursors."""

import datetime
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from participation import services
from participation.models import Comment, Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.opendata.conftest import api
from tests.participation.factories import ProposalFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/proposals/"


@pytest.fixture
def author(db):
    return UserFactory(email="autorin@example.org", display_name="Anna Autorin")


@pytest.fixture
def visible(process, field, author):
    return ProposalFactory(
        process=process,
        field_of_action=field,
        author=author,
        title="Sichtbar",
        municipality="Gadebusch",
        latitude="53.70000",
        longitude="11.10000",
        answer='<p>Ja, <a href="/de/">siehe hier</a>.</p>',
    )


@pytest.fixture
def invisible(process, private_process, unpublished_process, field, author):
    """A hidden, a pending, a private (process behind a password) and an unpublished-host
    proposal."""
    return [
        ProposalFactory(
            process=process,
            field_of_action=field,
            author=author,
            title="Versteckt",
            moderation=Proposal.Moderation.HIDDEN,
        ),
        ProposalFactory(
            process=process,
            field_of_action=field,
            author=author,
            title="Wartend",
            moderation=Proposal.Moderation.PENDING,
        ),
        ProposalFactory(
            process=private_process, field_of_action=field, author=author, title="Privat"
        ),
        ProposalFactory(
            process=unpublished_process, field_of_action=field, author=author, title="Entwurf"
        ),
    ]


def test_a_proposal_with_every_field(client, visible):
    data, response = api(client, f"{LIST}{visible.pk}/")
    assert response.status_code == 200
    assert data["id"] == visible.pk
    assert data["title"] == "Sichtbar"
    assert data["url"].startswith("http://localhost/")
    assert data["url"].endswith(f"/{visible.pk}/")
    assert data["process"]["id"] == visible.process_id
    assert data["process"]["url"].startswith("http://localhost/")
    assert data["state"] == "submitted"
    assert data["state_label"] == "Eingereicht"
    assert data["field_of_action"] == {"slug": "mobilitaet", "name": "Mobilität"}
    assert data["municipality"] == "Gadebusch"
    assert data["latitude"] == pytest.approx(53.7)
    assert data["author_name"] == "Anna Autorin"
    assert 'href="http://testserver/de/"' in data["official_answer"]
    assert data["support_count"] == 0
    assert data["comment_count"] == 0
    for name in (
        "created_at",
        "updated_at",
        "withdrawn_at",
        "qualified_at",
        "answered_at",
        "summary",
        "text",
        "longitude",
    ):
        assert name in data


def test_the_state_label_in_english(client, visible):
    data, _ = api(client, f"{LIST}{visible.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert data["state_label"] == "Submitted"


def test_hidden_pending_private_and_unpublished_ones_are_absent(client, visible, invisible):
    data, _ = api(client, LIST)
    assert [item["id"] for item in data["results"]] == [visible.pk]
    assert data["count"] == 1
    for proposal in invisible:
        body, response = api(client, f"{LIST}{proposal.pk}/")
        assert response.status_code == 404
        assert body["error"]["code"] == "not_found"
        body, response = api(client, f"{LIST}{proposal.pk}/comments/")
        assert response.status_code == 404
    everything = json.dumps(data)
    for secret in ("Versteckt", "Wartend", "Privat", "Entwurf"):
        assert secret not in everything


def test_filtered_counts_leave_out_what_is_not_visible(client, visible, invisible, process):
    data, _ = api(client, f"{LIST}?process={process.pk}&field_of_action=mobilitaet")
    assert data["count"] == 1
    data, _ = api(client, f"{LIST}?process={invisible[2].process_id}")
    assert data["count"] == 0
    assert data["results"] == []


def test_no_email_address_in_any_answer(client, visible, author):
    services.create_comment(UserFactory(email="kommentar@example.org"), visible, "Gute Idee")
    for path in (LIST, f"{LIST}{visible.pk}/", f"{LIST}{visible.pk}/comments/"):
        content = client.get(path).content.decode()
        assert "@example.org" not in content, path
        assert "autorin" not in content.lower().replace("anna autorin", ""), path


def test_a_deleted_account_is_named_so(client, visible, author):
    author.delete()
    data, _ = api(client, f"{LIST}{visible.pk}/")
    assert data["author_name"] == "Gelöschtes Konto"
    data, _ = api(client, f"{LIST}{visible.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert data["author_name"] == "Deleted account"


def test_comments_and_their_count_leave_out_hidden_pending_and_deleted_ones(client, visible):
    writer = UserFactory()
    shown = services.create_comment(writer, visible, "Sichtbarer Kommentar")
    reply = services.create_comment(writer, visible, "Antwort", parent=shown)
    hidden = services.create_comment(writer, visible, "Versteckter Kommentar")
    Comment.objects.filter(pk=hidden.pk).update(moderation=Comment.Moderation.HIDDEN)
    pending = services.create_comment(writer, visible, "Wartender Kommentar")
    Comment.objects.filter(pk=pending.pk).update(moderation=Comment.Moderation.PENDING)
    deleted = services.create_comment(writer, visible, "Gelöschter Kommentar")
    services.delete_comment(writer, deleted, target=visible)
    # The stored counter as the services keep it: the two that are still published.
    Proposal.objects.filter(pk=visible.pk).update(comment_count=2)

    data, response = api(client, f"{LIST}{visible.pk}/comments/")
    assert response.status_code == 200
    assert [c["id"] for c in data["results"]] == [shown.pk, reply.pk]
    assert data["results"][1]["parent"] == shown.pk
    assert data["count"] == 2
    assert api(client, f"{LIST}{visible.pk}/")[0]["comment_count"] == 2
    assert "Versteckter" not in response.content.decode()
    assert "Wartender" not in response.content.decode()


def test_a_signed_in_author_does_not_see_their_pending_proposal(client, invisible, author):
    client.force_login(author)
    data, response = api(client, LIST)
    assert data["count"] == 0
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert client.get(f"{LIST}{invisible[1].pk}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "state=nope",
        "process=abc",
        "process=1.5",
        "process=99999999999999999999",
        "changed_since=yesterday",
        "changed_since=2025-13-45",
        "municipality=Atlantis",
        "page_size=0",
        "page_size=-3",
        "page_size=many",
        "cursor=garbage",
        "cursor=eyJvIjoiLWNyZWF0ZWRfYXQiLCJ2IjpbIm4iLDFdLCJpIjotMSwiYiI6ZmFsc2V9",
        "ordering=title",
        "ordering=--created_at",
        "colour=green",
        "state=submitted&state=accepted",
        "changed_since=",
        "state=",
        "process=",
        "field_of_action=%20",
        "process=0",
    ],
)
def test_bad_queries_are_a_400_in_json(client, visible, query):
    data, response = api(client, f"{LIST}?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    error = data["error"]
    assert error["code"] in {"invalid", "unknown_parameter"}
    assert error["message"]
    assert error["fields"]
    name = query.split("=")[0]
    assert name in error["fields"]


def test_an_unknown_parameter_is_named(client, visible):
    data, response = api(client, f"{LIST}?colour=green", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert data["error"]["code"] == "unknown_parameter"
    assert "colour" in data["error"]["message"]
    assert data["error"]["fields"] == {"colour": ["Unknown query parameter."]}


def test_an_unknown_parameter_on_a_detail_is_a_400(client, visible):
    assert client.get(f"{LIST}{visible.pk}/?state=accepted").status_code == 400


def test_huge_page_sizes_are_capped(client, visible):
    data, response = api(client, f"{LIST}?page_size=10000")
    assert response.status_code == 200
    assert data["count"] == 1


def test_huge_ids_are_404_not_500(client, visible):
    assert client.get(f"{LIST}99999999999999999999/").status_code == 404
    assert client.get(f"{LIST}99999999999999999999/comments/").status_code == 404


def test_filters(client, process, field, author):
    other_field = FieldOfActionFactory(name="Bildung", slug="bildung")
    a = ProposalFactory(process=process, field_of_action=field, municipality="Gadebusch")
    b = ProposalFactory(process=process, field_of_action=other_field, state="accepted")
    old = timezone.now() - datetime.timedelta(days=30)
    Proposal.objects.filter(pk=b.pk).update(updated_at=old)

    def ids(query):
        return [item["id"] for item in api(client, f"{LIST}?{query}")[0]["results"]]

    assert ids("field_of_action=bildung") == [b.pk]
    assert ids("municipality=Gadebusch") == [a.pk]
    assert ids("state=accepted") == [b.pk]
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert ids(f"changed_since={since}") == [a.pk]
    assert ids("changed_since=2000-01-01T00:00:00Z") == [b.pk, a.pk]
    assert ids(f"process={process.pk}") == [b.pk, a.pk]
    # The edges of the calendar are valid date-times, not an error: since the beginning, and
    # nothing changed since the end of time.
    assert ids("changed_since=0001-01-01T00:00:00%2B01:00") == [b.pk, a.pk]
    assert ids("changed_since=9999-12-31T23:59:59-01:00") == []
    # ISO 8601 allows offsets PostgreSQL does not store (beyond ±15:59): read in UTC.
    assert ids("changed_since=2000-01-01T00:00:00%2B20:20") == [b.pk, a.pk]


def test_ordering_and_cursors_walk_every_item_once(client, process, field):
    proposals = [ProposalFactory(process=process, field_of_action=field) for _ in range(7)]
    for number, proposal in enumerate(proposals):
        Proposal.objects.filter(pk=proposal.pk).update(support_count=number % 3)
    for ordering in (
        "-created_at",
        "created_at",
        "support_count",
        "-support_count",
        "updated_at",
        "-comment_count",
    ):
        seen, address = [], f"{LIST}?page_size=3&ordering={ordering}"
        pages = 0
        while address:
            data, response = api(client, address)
            assert response.status_code == 200, response.content
            assert data["count"] == 7
            seen += [item["id"] for item in data["results"]]
            address = data["next"]
            pages += 1
        assert sorted(seen) == sorted(p.pk for p in proposals), ordering
        assert len(seen) == 7
        assert pages == 3
    # Back again from the last page.
    first, _ = api(client, f"{LIST}?page_size=3")
    second, _ = api(client, first["next"])
    back, _ = api(client, second["previous"])
    assert back["results"] == first["results"]
    assert first["previous"] is None


def test_a_cursor_of_another_ordering_is_a_400(client, process, field):
    for _ in range(3):
        ProposalFactory(process=process, field_of_action=field)
    data, _ = api(client, f"{LIST}?page_size=1")
    cursor = data["next"].split("cursor=")[1].split("&")[0]
    response = client.get(f"{LIST}?page_size=1&ordering=support_count&cursor={cursor}")
    assert response.status_code == 400


def _queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _many(process, field, author, n):
    Proposal.objects.bulk_create(
        Proposal(
            process=process,
            field_of_action=field,
            author=author,
            title=f"V{i}",
            summary="S",
            text="T",
        )
        for i in range(n)
    )


def test_queries_per_page_stay_the_same_for_10_and_1000_proposals(
    client, process, field, author, index
):
    from tests.visions.factories import ProcessPageFactory, running_phase

    _many(process, field, author, 10)
    few = _queries(client, f"{LIST}?page_size=50")
    second = ProcessPageFactory(parent=index, phases=[running_phase()])
    second.save_revision().publish()
    _many(process, field, author, 500)
    _many(second, FieldOfActionFactory(slug="bildung"), author, 490)
    many = _queries(client, f"{LIST}?page_size=50")
    assert many == few
    assert many <= 8
    data, _ = api(client, f"{LIST}?page_size=50")
    deep = data["next"]
    for _ in range(5):
        deep = api(client, deep)[0]["next"]
    assert _queries(client, deep) == many
    assert _queries(client, f"{LIST}?page_size=50&state=submitted&municipality=Gadebusch") <= 8


def test_the_written_out_representation_is_what_the_declared_fields_give(
    rf, visible, process, field
):
    """The proposal serializer writes its answer out for speed; every field must be what DRF's
    walk over the declared fields (the schema's source) gives, also for a deleted author, no
    location and an answered, withdrawn, qualified proposal."""
    from rest_framework.request import Request

    from opendata.api.contributions import ProposalResource
    from opendata.api.serializers import ProposalSerializer

    other = ProposalFactory(process=process, field_of_action=field, author=None, title="Ohne")
    Proposal.objects.filter(pk=other.pk).update(
        answered_at=timezone.now(),
        withdrawn_at=timezone.now(),
        qualified_at=timezone.now(),
        state=Proposal.State.ACCEPTED,
    )
    view = ProposalResource()
    view.request = Request(rf.get("/api/v1/proposals/"))
    view.kwargs, view.format_kwarg, view.action = {}, None, "list"
    items = list(view.load(view.get_queryset()))
    view.prepare(items)
    serializer = ProposalSerializer(context={"view": view, "request": view.request})
    assert len(items) == 2
    for item in items:
        assert serializer.to_representation(item) == dict(serializer.generic_representation(item))
