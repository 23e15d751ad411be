"""Proposals: who may do what in which phase, the submission form with its preview, uploads,
escaping, versions, withdrawal, official answers and pre-moderation."""

import datetime
import io
import struct
import zlib
from decimal import Decimal

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape

import pytest
from PIL import Image

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from participation import rules, services
from participation.models import NotificationReason, Proposal, ProposalVersion, Support
from participation.text import render_plain_text
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, queries_of
from tests.participation.factories import ProposalFactory, notified
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
PHASES = {
    # Collecting ideas: submit and edit, no supports yet.
    "collect": [{"allows_submit": True, "allows_edit": True, "allows_support": False}],
    # Supporting: no new proposals, no edits.
    "support": [{"allows_submit": False, "allows_edit": False, "allows_support": True}],
    # The process is over: its only phase ended last week.
    "ended": [
        {
            "start": TODAY - datetime.timedelta(days=30),
            "end": TODAY - datetime.timedelta(days=7),
        }
    ],
}
ROLES = ["anonymous", "unverified", "resident", "author", "moderator", "editor"]
ACTIONS = ["submit", "edit", "withdraw", "support", "unsupport"]


@pytest.fixture
def field_of_action(db):
    return FieldOfActionFactory(name="Klima und Energie", slug="klima")


def translated():
    """Whether the German catalogue already has the proposal messages (English until then)."""
    return in_german("Proposals cannot be submitted in the current phase of this process.") != (
        "Proposals cannot be submitted in the current phase of this process."
    )


def make_process(home, field_of_action, phases=None, **kwargs):
    index = ProcessIndexPageFactory(parent=home)
    process = ProcessPageFactory(parent=index, phases=phases, **kwargs)
    process.fields_of_action.set([field_of_action])
    process.save_revision().publish()
    return process.specific.__class__.objects.get(pk=process.pk)


@pytest.fixture
def process(site_homes, field_of_action):
    return make_process(site_homes[0], field_of_action)


def url(process, route="listing", **kwargs):
    return process.url + process.reverse_subpage(route, kwargs=kwargs or None)


def post_submit(client, process, data, **kwargs):
    """Submit as a person does: the preview first, then its "submit" with the one-time token
    (the image travels as the preview's pending image). A refused or invalid preview is the
    answer itself."""
    if data.get("step", "submit") != "submit":
        return client.post(url(process, "submit"), data, **kwargs)
    preview = client.post(url(process, "submit"), {**data, "step": "preview"})
    if preview.status_code != 200 or "submission_token" not in preview.context:
        return preview
    data = {key: value for key, value in data.items() if key != "image"}
    data.update(
        step="submit",
        submission=preview.context["submission_token"],
        pending_image=preview.context["form"]["pending_image"].value() or "",
    )
    return client.post(url(process, "submit"), data, **kwargs)


def form_data(choice, /, **overrides):
    data = {
        "title": "Mehr Busse am Wochenende",
        "summary": "Busse auch am Sonntag, damit Dörfer erreichbar bleiben.",
        "text": "Am Wochenende fährt kaum ein Bus.\n\nEin Rufbus würde helfen.",
        "field_of_action": choice.pk,
        "municipality": "Wismar",
        "latitude": "",
        "longitude": "",
        "image_alt": "",
        "step": "submit",
    }
    data.update(overrides)
    return data


def person(role, proposal):
    if role == "anonymous":
        return None
    if role == "author":
        return proposal.author
    if role == "unverified":
        return UserFactory(verified=False)
    group = {"resident": None, "moderator": MODERATORS, "editor": EDITORS}[role]
    return UserFactory(group=group)


def snapshot(proposal):
    proposal.refresh_from_db()
    return (
        Proposal.objects.count(),
        proposal.title,
        proposal.withdrawn_at,
        proposal.support_count,
        sorted(Support.objects.values_list("user_id", flat=True)),
        ProposalVersion.objects.count(),
    )


def expected(role, phase, action):
    verified = role not in ("anonymous", "unverified")
    if action == "submit":
        return verified and phase == "collect"
    if action == "edit":
        return role == "author" and phase == "collect"
    if action == "withdraw":
        return role == "author" and phase != "ended"
    return verified and phase == "support"


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, site_homes, field_of_action, role, phase, action):
    process = make_process(site_homes[0], field_of_action, phases=PHASES[phase])
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    ProposalVersion.objects.create(
        proposal=proposal, number=1, title=proposal.title, summary="s", text="t"
    )
    user = person(role, proposal)
    if action == "unsupport" and user is not None:
        Support.objects.create(proposal=proposal, user=user, process=process)
        Proposal.objects.filter(pk=proposal.pk).update(support_count=1)
    if user is not None:
        client.force_login(user)
        obstacle = rules.proposal_obstacle(user, process, action, proposal)
        assert (obstacle is None) == expected(role, phase, action), obstacle
    before = snapshot(proposal)

    if action == "submit":
        response = post_submit(client, process, form_data(field_of_action))
    elif action == "edit":
        response = client.post(
            url(process, "edit", pk=proposal.pk), form_data(field_of_action, title="Geändert")
        )
    elif action == "withdraw":
        response = client.post(url(process, "withdraw", pk=proposal.pk))
    else:
        response = client.post(
            url(process, "support", pk=proposal.pk),
            {"action": "add" if action == "support" else "remove"},
        )
    assert response.status_code == 302
    after = snapshot(proposal)

    if not expected(role, phase, action):
        assert after == before
        if role == "anonymous":
            assert "/login/" in response["Location"]
            return
        if role == "unverified":
            assert response["Location"] == "/de/konto/email/"
        # The refusal says why, in the person's language, on the page they are sent to.
        shown = client.get(response["Location"]).content.decode()
        assert escape(str(obstacle)) in shown, obstacle
        return
    count, title, withdrawn_at, support_count, supporters, versions = after
    if action == "submit":
        assert count == before[0] + 1
        new = Proposal.objects.latest("pk")
        assert new.author == user and new.title == "Mehr Busse am Wochenende"
    elif action == "edit":
        assert title == "Geändert" and versions == before[5] + 1
    elif action == "withdraw":
        assert withdrawn_at is not None
    elif action == "support":
        assert supporters == [user.pk] and support_count == 1
    else:
        assert supporters == [] and support_count == 0


def test_proposal_limit_counts_withdrawn_proposals(process, field_of_action):
    process.max_proposals_per_resident = 2
    process.save()
    author = UserFactory()
    ProposalFactory(process=process, author=author, field_of_action=field_of_action)
    ProposalFactory(
        process=process,
        author=author,
        field_of_action=field_of_action,
        withdrawn_at=timezone.now(),
    )
    obstacle = rules.proposal_obstacle(author, process, "submit")
    assert obstacle == in_german(rules.PROPOSAL_LIMIT, count=2)
    with pytest.raises(rules.ParticipationError):
        services.submit_proposal(author, process, {"title": "Drei"})
    assert Proposal.objects.filter(author=author).count() == 2
    assert rules.proposal_obstacle(UserFactory(), process, "submit") is None


def test_edit_window_and_answered_and_withdrawn_proposals_are_locked(process, field_of_action):
    process.edit_window_hours = 24
    process.save()
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    author = proposal.author
    assert rules.proposal_obstacle(author, process, "edit", proposal) is None
    later = timezone.now() + datetime.timedelta(hours=25)
    assert rules.proposal_obstacle(author, process, "edit", proposal, now=later) == (
        in_german(rules.EDIT_WINDOW_OVER, hours=24)
    )
    # Withdrawing has no window.
    assert rules.proposal_obstacle(author, process, "withdraw", proposal, now=later) is None

    proposal.state = Proposal.State.ACCEPTED
    assert rules.proposal_obstacle(author, process, "edit", proposal) == rules.ANSWERED
    assert rules.proposal_obstacle(author, process, "withdraw", proposal) == rules.ANSWERED
    proposal.state = Proposal.State.SUBMITTED
    proposal.withdrawn_at = timezone.now()
    for action in ("edit", "withdraw", "support"):
        assert rules.proposal_obstacle(author, process, action, proposal) == rules.WITHDRAWN
    assert rules.proposal_obstacle(UserFactory(), process, "edit", proposal) == rules.NOT_AUTHOR


def test_refused_edit_of_someone_elses_proposal_says_why(client, process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action, title="Alt")
    client.force_login(UserFactory())
    response = client.post(
        url(process, "edit", pk=proposal.pk), form_data(field_of_action, title="Neu"), follow=True
    )
    assert escape(in_german(rules.NOT_AUTHOR)) in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Alt"


def test_get_is_never_a_change(client, process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    client.force_login(proposal.author)
    assert client.get(url(process, "support", pk=proposal.pk)).status_code == 405
    response = client.get(url(process, "withdraw", pk=proposal.pk))
    assert response.status_code == 200
    assert escape(in_german("Withdraw your proposal?")).encode() in response.content
    proposal.refresh_from_db()
    assert proposal.withdrawn_at is None and proposal.support_count == 0


def test_csrf_is_required(process, field_of_action):
    from django.test import Client

    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post(url(process, "support", pk=proposal.pk), {"action": "add"})
    assert response.status_code == 403
    assert not Support.objects.exists()


# --- Submitting with a preview ----------------------------------------------------------------


def test_submit_shows_a_preview_then_saves(client, process, field_of_action):
    user = UserFactory()
    client.force_login(user)
    response = client.get(url(process, "submit"))
    assert response.status_code == 200
    assert b'name="step" value="preview"' in response.content

    data = form_data(
        field_of_action, step="preview", text="Absatz eins\r\nZeile zwei\r\n\r\nAbsatz zwei"
    )
    response = client.post(url(process, "submit"), data)
    html = response.content.decode()
    assert escape(in_german("Preview of your proposal")) in html
    assert "<p>Absatz eins<br>\nZeile zwei</p>" in html
    assert 'name="step" value="submit"' in html and 'name="step" value="edit"' in html
    assert not Proposal.objects.exists()
    token = response.context["submission_token"]
    assert f'name="submission" value="{token}"' in html

    response = client.post(url(process, "submit"), {**data, "step": "edit"})
    assert b'value="Mehr Busse am Wochenende"' in response.content
    assert not Proposal.objects.exists()

    response = client.post(url(process, "submit"), {**data, "step": "submit", "submission": token})
    proposal = Proposal.objects.get()
    assert response["Location"] == url(process, "proposal", pk=proposal.pk)
    assert proposal.author == user and proposal.moderation == Proposal.Moderation.PUBLISHED
    assert proposal.text == "Absatz eins\nZeile zwei\n\nAbsatz zwei"
    assert proposal.versions.count() == 1


def test_submitting_the_preview_twice_creates_one_proposal(client, process, field_of_action):
    client.force_login(UserFactory())
    preview = client.post(url(process, "submit"), form_data(field_of_action, step="preview"))
    data = form_data(field_of_action, submission=preview.context["submission_token"])
    first = client.post(url(process, "submit"), data)
    proposal = Proposal.objects.get()
    second = client.post(url(process, "submit"), data, follow=True)
    assert Proposal.objects.count() == 1 and proposal.versions.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    message = in_german("This proposal has already been submitted; it was saved once.")
    assert escape(message) in second.content.decode()


def test_the_claimed_token_also_stops_a_request_running_at_the_same_time(
    client, process, field_of_action
):
    """The second request read the session before the first one saved it: the cache decides."""
    from participation.services import submissions

    user = UserFactory()
    client.force_login(user)
    preview = client.post(url(process, "submit"), form_data(field_of_action, step="preview"))
    token = preview.context["submission_token"]
    request = type("Request", (), {"user": user})()
    assert submissions.cache.add(submissions.cache_key(request, token), True)
    response = client.post(url(process, "submit"), form_data(field_of_action, submission=token))
    assert response.status_code == 302 and response["Location"] == url(process)
    assert not Proposal.objects.exists()


def test_a_submit_without_the_preview_token_shows_the_preview(client, process, field_of_action):
    client.force_login(UserFactory())
    response = client.post(url(process, "submit"), form_data(field_of_action, submission="forged"))
    assert response.status_code == 200 and "submission_token" in response.context
    message = in_german("Please check your proposal once more and then submit it.")
    assert escape(message) in response.content.decode()
    assert not Proposal.objects.exists()


def test_extra_fields_are_ignored(client, process, field_of_action):
    user, other = UserFactory(), UserFactory()
    client.force_login(user)
    post_submit(
        client,
        process,
        form_data(
            field_of_action,
            author=other.pk,
            state="accepted",
            moderation="published",
            support_count="99",
            comment_count="7",
            qualified_at="2020-01-01T00:00",
            answer="<p>Ja</p>",
            process=site_page_pk(process),
        ),
    )
    proposal = Proposal.objects.get()
    assert proposal.author == user
    assert proposal.state == Proposal.State.SUBMITTED
    assert (proposal.support_count, proposal.comment_count) == (0, 0)
    assert proposal.qualified_at is None and proposal.answer == ""
    assert proposal.process_id == process.pk


def site_page_pk(process):
    return process.get_parent().pk


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"title": "x" * 121}, "title", "max_length"),
        ({"summary": "x" * 501}, "summary", "max_length"),
        ({"text": "   "}, "text", "required"),
        ({"field_of_action": "999999"}, "field_of_action", "invalid_choice"),
        ({"municipality": "Paris"}, "municipality", "invalid_choice"),
        ({"latitude": "53.9"}, "longitude", "incomplete_location"),
        ({"latitude": "95", "longitude": "11"}, "latitude", "max_value"),
        ({"latitude": "53", "longitude": "-181"}, "longitude", "min_value"),
        ({"latitude": "abc", "longitude": "11"}, "latitude", "invalid"),
    ],
)
def test_invalid_input_shows_an_error_summary(
    client, process, field_of_action, overrides, field, code
):
    client.force_login(UserFactory())
    response = post_submit(client, process, form_data(field_of_action, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(field, code), form.errors.as_data()
    assert 'class="error-summary"' in html and f'<a href="#id_{field}">' in html
    assert f'id="id_{field}_error"' in html
    describedby = (
        f"id_{field}_help id_{field}_error" if form[field].help_text else (f"id_{field}_error")
    )
    assert f'aria-describedby="{describedby}"' in html and 'aria-invalid="true"' in html
    assert not Proposal.objects.exists()


def test_coordinates_are_rounded_and_stored(client, process, field_of_action):
    client.force_login(UserFactory())
    post_submit(
        client,
        process,
        form_data(field_of_action, latitude="53.8912345", longitude="11.465004"),
    )
    proposal = Proposal.objects.get()
    assert (proposal.latitude, proposal.longitude) == (Decimal("53.89123"), Decimal("11.46500"))


# --- Escaping ---------------------------------------------------------------------------------

XSS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">klick</a>',
    "<svg/onload=alert(1)>",
    "{{ request.user.password }} {% debug %}",
    "&lt;b&gt;schon escaped&lt;/b&gt;",
    "<iframe src=https://evil.example></iframe>",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("payload", XSS)
def test_html_in_every_field_is_shown_as_text(client, process, field_of_action, payload):
    client.force_login(UserFactory(display_name=payload[:50]))
    png = SimpleUploadedFile("bild.png", image_bytes("PNG"), content_type="image/png")
    post_submit(
        client,
        process,
        form_data(
            field_of_action,
            title=payload[:120],
            summary=payload,
            text=f"{payload}\n\n{payload} https://example.org/?q={payload}",
            image=png,
            image_alt=payload,
        ),
    )
    proposal = Proposal.objects.get()
    assert proposal.title == payload[:120].strip()
    detail = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    listing = client.get(url(process)).content.decode()
    for html in (detail, listing):
        assert escape(payload) in html  # the title, summary and author as text
        if "<" in payload or '"' in payload:
            assert payload not in html
        for executable in ("<script>alert", "<img src=x", "<svg/", "<iframe src=https://evil"):
            assert executable not in html
        assert 'href="javascript:' not in html
    assert str(render_plain_text(payload)) in detail
    assert f'alt="{escape(payload)}"' in detail

    # The admin: the list, the answer form and the inspect view show the same text as text.
    client.force_login(UserFactory(group=LEAD_EDITORS))
    for admin_url in (
        reverse("proposals:index"),
        reverse("proposals:edit", args=[proposal.pk]),
        reverse("proposals:inspect", args=[proposal.pk]),
    ):
        response = client.get(admin_url)
        assert response.status_code == 200, admin_url
        html = response.content.decode()
        assert escape(payload[:120].strip()) in html, admin_url
        for executable in ("<script>alert", "<img src=x", "<svg/", "<iframe src=https://evil"):
            assert executable not in html, admin_url
        assert 'href="javascript:' not in html, admin_url


def test_render_plain_text():
    html = render_plain_text(
        'Eins <b>fett</b> "zitiert"\nzwei https://example.org/a?b=1&c=2\n\n\nDrei www.example.com'
    )
    assert html == (
        "<p>Eins &lt;b&gt;fett&lt;/b&gt; &quot;zitiert&quot;<br>\n"
        'zwei <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">'
        "https://example.org/a?b=1&amp;c=2</a></p>\n"
        '<p>Drei <a href="http://www.example.com" rel="nofollow ugc">www.example.com</a></p>'
    )
    assert render_plain_text('x rel="nofollow" y') == "<p>x rel=&quot;nofollow&quot; y</p>"
    assert render_plain_text("  \n ") == ""


# --- Uploads ----------------------------------------------------------------------------------


def image_bytes(fmt, size=(40, 30), exif=None, mode="RGB"):
    output = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    Image.new(mode, size, (200, 80, 40) if mode == "RGB" else 1).save(output, fmt, **kwargs)
    return output.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` × ``height`` pixels."""
    data = bytearray(image_bytes("PNG", (1, 1)))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def submit_with_image(client, process, field_of_action, upload):
    return post_submit(
        client,
        process,
        form_data(field_of_action, image=upload, image_alt="Ein Bus an der Haltestelle"),
    )


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("notizen.png", b"Das ist kein Bild, nur Text.", "not_an_image", "not an image we can"),
        ("leer.jpg", b"", "empty", ""),
        ("animiert.jpg", image_bytes("GIF"), "wrong_format", "this file is a GIF image"),
        ("bitmap.png", image_bytes("BMP"), "wrong_format", "this file is a BMP image"),
        ("riesig.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), "too_large", "larger than 5,0"),
        # 20,005,000 pixels: rounded up, so it never reads as "20 of at most 20".
        ("viele-pixel.png", png_claiming(5000, 4001), "too_many_pixels", "20,1"),
        ("bombe.png", png_claiming(30000, 30000), "too_many_pixels", "at most 20 megapixels"),
        ("kaputt.jpg", image_bytes("JPEG")[:200], "not_an_image", "not an image we can"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(
    client, process, field_of_action, name, content, code, message
):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = submit_with_image(client, process, field_of_action, upload)
    assert response.status_code == 200
    assert response.context["form"].has_error("image", code)
    html = response.content.decode()
    assert '<a href="#id_image">' in html
    for error in response.context["form"].errors["image"]:
        assert escape(error) in html
    assert message in str(response.context["form"].errors["image"]) or (
        translated() and not message[0].isdigit()
    )
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_images_are_reencoded_without_location_data(client, process, field_of_action, fmt):
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 53.0, 30.0), "E", (11.0, 27.0, 54.0)
    original = image_bytes(fmt, exif=exif)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("urlaub.foto", original, content_type="application/octet-stream")
    submit_with_image(client, process, field_of_action, upload)
    proposal = Proposal.objects.get()
    with default_storage.open(proposal.image.name) as file:
        stored = Image.open(io.BytesIO(file.read()))
        stored.load()
    assert stored.format == fmt
    assert stored.size == (40, 30)
    assert not stored.getexif() and "exif" not in stored.info and "xmp" not in stored.info
    assert proposal.image.name.startswith("proposals/")
    assert proposal.image.name.endswith({"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt])
    page = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    assert f'src="{proposal.image.url}" alt="Ein Bus an der Haltestelle"' in page


def test_an_image_needs_a_description(client, process, field_of_action):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("bild.png", image_bytes("PNG"))
    response = post_submit(client, process, form_data(field_of_action, image=upload))
    assert response.context["form"].has_error("image_alt", "required")
    assert (
        in_german("Describe the image for people who cannot see it.") in response.content.decode()
    )
    assert not Proposal.objects.exists()


def test_the_image_survives_the_preview(client, process, field_of_action):
    user = UserFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("bild.png", image_bytes("PNG"))
    data = form_data(field_of_action, step="preview", image_alt="Ein Feld")
    response = post_submit(client, process, {**data, "image": upload})
    token = response.context["form"]["pending_image"].value()
    assert token and token in response.content.decode()
    pending = response.context["form"].pending_image_name
    assert default_storage.exists(pending)

    # Somebody else cannot use the token.
    client.force_login(UserFactory())
    post_submit(client, process, {**data, "step": "submit", "pending_image": token})
    assert not Proposal.objects.get().image
    Proposal.objects.all().delete()

    client.force_login(user)
    post_submit(client, process, {**data, "step": "submit", "pending_image": token})
    proposal = Proposal.objects.get()
    assert proposal.image and proposal.image_alt == "Ein Feld"
    assert not default_storage.exists(pending)


# --- Editing, versions, withdrawing -------------------------------------------------------------


def test_every_edit_is_kept_as_a_version(client, process, field_of_action):
    author = UserFactory()
    client.force_login(author)
    post_submit(client, process, form_data(field_of_action, title="Erste Fassung"))
    proposal = Proposal.objects.get()
    edit = url(process, "edit", pk=proposal.pk)
    response = client.get(edit)
    assert b'value="Erste Fassung"' in response.content
    client.post(edit, form_data(field_of_action, title="Zweite Fassung"))
    client.post(edit, form_data(field_of_action, title="Dritte Fassung", text="Neu"))
    proposal.refresh_from_db()
    assert proposal.title == "Dritte Fassung"
    assert list(proposal.versions.values_list("number", "title")) == [
        (1, "Erste Fassung"),
        (2, "Zweite Fassung"),
        (3, "Dritte Fassung"),
    ]
    html = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    three_versions = in_german("%(counter)s version", "%(counter)s versions", n=3, counter=3)
    assert in_german("Version history") in html and three_versions in html
    assert "Erste Fassung" in html and "Zweite Fassung" in html


def test_an_unchanged_edit_saves_nothing(client, process, field_of_action):
    client.force_login(UserFactory())
    post_submit(client, process, form_data(field_of_action))
    proposal = Proposal.objects.get()
    updated_at = proposal.updated_at
    edit = url(process, "edit", pk=proposal.pk)
    response = client.post(edit, form_data(field_of_action), follow=True)
    assert escape(in_german("You did not change anything, so nothing was saved.")) in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.versions.count() == 1 and proposal.updated_at == updated_at
    client.post(edit, form_data(field_of_action, municipality="Hagenow"))
    proposal.refresh_from_db()
    assert proposal.municipality == "Hagenow" and proposal.versions.count() == 2


def test_answering_the_same_again_tells_nobody_again(process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    for _ in range(2):
        services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
    assert len(notified(NotificationReason.PROPOSAL_ANSWERED)) == 1
    services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja, gern.</p>", by=None)
    answers = notified(NotificationReason.PROPOSAL_ANSWERED)
    assert [data["answer"] for _email, data in answers] == ["<p>Ja.</p>", "<p>Ja, gern.</p>"]


def test_withdrawn_proposals_stay_visible_and_cannot_be_supported(client, process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    client.force_login(proposal.author)
    response = client.post(url(process, "withdraw", pk=proposal.pk), follow=True)
    withdrawn = in_german("Your proposal is withdrawn. It stays visible, marked as withdrawn.")
    assert escape(withdrawn) in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_withdrawn
    client.force_login(UserFactory())
    html = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    notice = in_german(
        "The author withdrew this proposal on %(date)s. It stays here for the record and can no "
        "longer be supported."
    )
    with translation.override("de"):
        date = formats.date_format(timezone.localtime(proposal.withdrawn_at), "DATE_FORMAT")
    assert escape(notice % {"date": date}) in html
    assert "proposal-badge--withdrawn" in html
    response = client.post(url(process, "support", pk=proposal.pk), {"action": "add"}, follow=True)
    assert escape(in_german(rules.WITHDRAWN)) in response.content.decode()
    assert not Support.objects.exists()


def test_the_proposal_page_shows_everything(client, process, field_of_action):
    proposal = ProposalFactory(
        process=process,
        field_of_action=field_of_action,
        title="Dorfladen",
        summary="Ein Laden für alle.",
        text="Siehe https://example.org",
        municipality="Rehna",
        latitude=Decimal("53.78"),
        longitude=Decimal("11.05"),
    )
    services.answer_proposal(proposal, "accepted", "<p>Wir machen das.</p>", by=None)
    Proposal.objects.filter(pk=proposal.pk).update(qualified_at=timezone.now())
    html = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    for text in [
        "<h1>Dorfladen</h1>",
        escape(in_german("by %(author)s", author=proposal.author.display_name)),
        "Ein Laden für alle.",
        'href="https://example.org" rel="nofollow ugc"',
        "Klima und Energie",
        "Rehna",
        escape(in_german("Official answer")),
        "<p>Wir machen das.</p>",
        "proposal-badge--accepted",
        "proposal-badge--qualified",
        in_german("%(counter)s support", "%(counter)s supports", n=0, counter=0),
        escape(in_german("Sign in to support this proposal")),
    ]:
        assert text in html, text
    assert (
        escape(in_german("Edit proposal")) not in html and "<form" not in html.split('id="main"')[1]
    )


def test_unverified_people_get_a_verification_link(client, process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    client.force_login(UserFactory(verified=False))
    html = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    assert str(in_german(rules.PROPOSAL_UNVERIFIED)) in html
    assert escape(in_german("Support this proposal")) not in html


def test_the_author_sees_edit_and_withdraw(client, process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    client.force_login(proposal.author)
    html = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    assert f'href="{url(process, "edit", pk=proposal.pk)}"' in html
    assert f'href="{url(process, "withdraw", pk=proposal.pk)}"' in html


# --- Answers and moderation ---------------------------------------------------------------------


def test_answer_sets_state_and_tells_the_author(process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action, title="Radweg")
    services.answer_proposal(
        proposal, Proposal.State.REJECTED, "<p>Leider nicht &amp; warum.</p>", by=None
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.REJECTED and proposal.answered_at is not None
    [(email, data)] = notified(NotificationReason.PROPOSAL_ANSWERED)
    assert email == proposal.author.email
    assert (data["title"], data["state"]) == ("Radweg", "rejected")
    assert data["answer"] == "<p>Leider nicht &amp; warum.</p>"
    with pytest.raises(ValueError):
        services.answer_proposal(proposal, "maybe", "", by=None)


def test_pre_moderation_holds_new_proposals(client, site_homes, field_of_action):
    process = make_process(site_homes[0], field_of_action, moderation="pre")
    author = UserFactory()
    client.force_login(author)
    response = post_submit(client, process, form_data(field_of_action), follow=True)
    thanks = in_german(
        "Thank you for your proposal. It will be published once a moderator has approved it; "
        "until then only you can see it."
    )
    assert escape(thanks) in response.content.decode()
    proposal = Proposal.objects.get()
    assert proposal.moderation == Proposal.Moderation.PENDING
    pending = in_german(
        "Your proposal awaits moderation. Until a moderator approves it, only you can see it."
    )
    assert escape(pending) in client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    client.force_login(UserFactory())
    assert client.get(url(process, "proposal", pk=proposal.pk)).status_code == 404
    response = client.post(url(process, "support", pk=proposal.pk), {"action": "add"})
    assert response.status_code == 404
    client.logout()
    assert client.get(url(process, "proposal", pk=proposal.pk)).status_code == 404

    services.moderate(proposal, "approve", None)
    assert client.get(url(process, "proposal", pk=proposal.pk)).status_code == 200
    services.moderate(proposal, "hide", None, reason="spam")
    assert client.get(url(process, "proposal", pk=proposal.pk)).status_code == 404
    client.force_login(author)  # the author still reads it, marked as hidden
    assert client.get(url(process, "proposal", pk=proposal.pk)).status_code == 200


def test_proposal_page_queries_do_not_grow(client, process, field_of_action):
    """The same number of queries with 10 and with 1,000 proposals in the process (and with
    more versions and supports on the proposal shown)."""
    authors = UserFactory.create_batch(5)
    proposal = ProposalFactory(process=process, field_of_action=field_of_action, author=authors[0])
    ProposalVersion.objects.create(proposal=proposal, number=1, title="a", summary="b", text="c")

    def add_proposals(count):
        Proposal.objects.bulk_create(
            Proposal(
                process=process,
                author=authors[n % 5],
                title=f"V{n}",
                summary="s",
                text="t",
                field_of_action=field_of_action,
            )
            for n in range(count)
        )

    add_proposals(9)
    resident = UserFactory()
    client.force_login(resident)
    page_url = url(process, "proposal", pk=proposal.pk)

    def count():
        response, queries = queries_of(client, page_url)
        assert response.status_code == 200
        return len(queries)

    ten = count()
    add_proposals(990)
    assert Proposal.objects.filter(process=process).count() == 1000
    ProposalVersion.objects.bulk_create(
        ProposalVersion(proposal=proposal, number=n, title="a", summary="b", text="c")
        for n in range(2, 12)
    )
    for other in Proposal.objects.filter(process=process).exclude(pk=proposal.pk)[:3]:
        services.support(resident, other)
    for supporter in UserFactory.create_batch(10):
        services.support(supporter, proposal)
    assert count() == ten


def test_edit_replaces_or_removes_the_image(client, process, field_of_action):
    author = UserFactory()
    client.force_login(author)
    first = SimpleUploadedFile("eins.png", image_bytes("PNG"))
    post_submit(client, process, form_data(field_of_action, image=first, image_alt="Eins"))
    proposal = Proposal.objects.get()
    old_name = proposal.image.name
    edit = url(process, "edit", pk=proposal.pk)
    assert b'name="remove_image"' in client.get(edit).content

    second = SimpleUploadedFile("zwei.jpg", image_bytes("JPEG"))
    client.post(edit, form_data(field_of_action, image=second, image_alt="Zwei"))
    proposal.refresh_from_db()
    assert proposal.image.name.endswith(".jpg") and proposal.image_alt == "Zwei"
    assert not default_storage.exists(old_name)
    kept = proposal.image.name
    client.post(edit, form_data(field_of_action, title="Ohne neues Bild", image_alt="Zwei"))
    proposal.refresh_from_db()
    assert proposal.image.name == kept  # saving without an upload keeps the image untouched

    response = client.post(edit, form_data(field_of_action, remove_image="on", image_alt="Zwei"))
    assert response.status_code == 302, response.context["form"].errors
    proposal.refresh_from_db()
    assert not proposal.image and proposal.image_alt == ""
    assert proposal.versions.count() == 4


def test_the_proposal_page_links_to_the_live_vision_made_from_it(
    client, site_homes, process, field_of_action
):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    index = VisionIndexPageFactory(parent=site_homes[0])
    vision = VisionPageFactory(parent=index, title="Dorfbüro für alle", origin=proposal, live=False)
    page = url(process, "proposal", pk=proposal.pk)
    assert 'class="proposal__notice proposal__vision"' not in client.get(page).content.decode()

    vision.save_revision().publish()
    html = client.get(page).content.decode()
    assert 'class="proposal__notice proposal__vision"' in html
    assert f'href="{vision.url}"' in html and "Dorfbüro für alle" in html


# --- Review fixes: limits across languages, re-moderation, versions, uploads, line breaks -------


def test_the_proposal_limit_holds_across_the_language_versions(
    client, process, field_of_action, locale_en
):
    process.max_proposals_per_resident = 1
    process.save_revision().publish()
    english = process.copy_for_translation(locale_en, copy_parents=True)
    english.save_revision().publish()
    english = type(process).objects.get(pk=english.pk)
    author = UserFactory()
    ProposalFactory(process=process, author=author, field_of_action=field_of_action)
    obstacle = rules.proposal_obstacle(author, english, "submit")
    assert obstacle == in_german(rules.PROPOSAL_LIMIT, count=1)
    client.force_login(author)
    post_submit(client, english, form_data(field_of_action, title="Noch einer"))
    assert Proposal.objects.filter(author=author).count() == 1


def test_an_edit_under_pre_moderation_waits_for_a_moderator_again(
    client, site_homes, field_of_action
):
    process = make_process(
        site_homes[0], field_of_action, phases=PHASES["collect"], moderation="pre"
    )
    author = UserFactory()
    client.force_login(author)
    post_submit(client, process, form_data(field_of_action, title="Harmlos"))
    proposal = Proposal.objects.get()
    services.moderate(proposal, "approve", None)
    response = client.post(
        url(process, "edit", pk=proposal.pk),
        form_data(field_of_action, title="Ganz etwas anderes"),
        follow=True,
    )
    proposal.refresh_from_db()
    assert proposal.moderation == Proposal.Moderation.PENDING
    assert (
        escape(
            in_german(
                "Your changes are saved. The proposal will be public again once a moderator has "
                "approved them; until then only you can see it."
            )
        )
        in response.content.decode()
    )
    client.force_login(UserFactory())
    assert client.get(url(process, "proposal", pk=proposal.pk)).status_code == 404


def test_versions_keep_field_municipality_location_and_image(client, process, field_of_action):
    other_field = FieldOfActionFactory(name="Mobilität", slug="mobil")
    process.fields_of_action.add(other_field)
    process.save_revision().publish()
    client.force_login(UserFactory())
    image = SimpleUploadedFile("bus.png", image_bytes("PNG"))
    post_submit(
        client,
        process,
        form_data(
            field_of_action,
            municipality="Wismar",
            latitude="53.89",
            longitude="11.46",
            image=image,
            image_alt="Ein Bus",
        ),
    )
    proposal = Proposal.objects.get()
    client.post(
        url(process, "edit", pk=proposal.pk),
        form_data(other_field, municipality="Mölln", remove_image="on", image_alt=""),
    )
    first, second = proposal.versions.order_by("number")
    assert (first.field_of_action, first.municipality, first.had_image, first.image_alt) == (
        field_of_action,
        "Wismar",
        True,
        "Ein Bus",
    )
    assert (first.latitude, first.longitude) == (Decimal("53.89000"), Decimal("11.46000"))
    assert (second.field_of_action, second.municipality, second.had_image) == (
        other_field,
        "Mölln",
        False,
    )
    assert second.latitude is None
    html = client.get(url(process, "proposal", pk=proposal.pk)).content.decode()
    history = html.split('class="proposal-versions"', 1)[1]
    assert "<dd>Wismar</dd>" in history and "<dd>Mölln</dd>" in history
    assert "<dd>Ein Bus</dd>" in history and "<dd>53,89000, 11,46000</dd>" in history


def test_a_phone_photo_in_mpo_format_is_accepted_as_jpeg(client, process, field_of_action):
    client.force_login(UserFactory())
    output = io.BytesIO()
    frames = [Image.new("RGB", (40, 30), (200, 80, 40)), Image.new("RGB", (40, 30), (0, 0, 0))]
    frames[0].save(output, "MPO", save_all=True, append_images=frames[1:])
    upload = SimpleUploadedFile("handy.jpg", output.getvalue(), content_type="image/jpeg")
    assert Image.open(io.BytesIO(output.getvalue())).format == "MPO"
    submit_with_image(client, process, field_of_action, upload)
    proposal = Proposal.objects.get()
    assert proposal.image.name.endswith(".jpg")
    with proposal.image.open("rb") as file:
        assert Image.open(file).format == "JPEG"


def test_line_breaks_count_once_against_the_length_limits(client, process, field_of_action):
    client.force_login(UserFactory())
    summary = "\r\n".join(["x" * 96] * 5)  # 484 characters as typed, 488 with \r\n
    assert len(summary.replace("\r\n", "\n")) <= 500 < len(summary) + 20
    summary = summary + "\r\n" + "y" * (499 - len(summary.replace("\r\n", "\n")) - 1)
    assert len(summary.replace("\r\n", "\n")) == 499 and len(summary) > 500
    post_submit(client, process, form_data(field_of_action, summary=summary))
    assert len(Proposal.objects.get().summary) == 499


def test_unverified_people_are_sent_to_confirm_their_address(client, process, field_of_action):
    proposal = ProposalFactory(process=process, field_of_action=field_of_action)
    client.force_login(UserFactory(verified=False))
    response = client.post(url(process, "support", pk=proposal.pk), {"action": "add"})
    assert response.status_code == 302
    assert response["Location"] == "/de/konto/email/"
    response = client.get(response["Location"])
    assert escape(str(in_german(rules.PROPOSAL_UNVERIFIED))) in response.content.decode()
    assert not Support.objects.exists()


def test_expired_preview_images_are_cleared(settings, tmp_path):
    import os
    import time

    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    old = default_storage.save("proposals/pending/alt.png", io.BytesIO(image_bytes("PNG")))
    new = default_storage.save("proposals/pending/neu.png", io.BytesIO(image_bytes("PNG")))
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    out = io.StringIO()
    call_command("clear_pending_images", stdout=out)
    assert not default_storage.exists(old)
    assert default_storage.exists(new)
    assert out.getvalue().startswith("1 ")
