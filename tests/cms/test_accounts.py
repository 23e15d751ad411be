import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.utils.html import escape

import pytest
from allauth.account.models import EmailAddress

from cms.models import FooterSettings
from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS, RESIDENTS
from home.models import StoryIndexPage
from tests.cms.factories import UserFactory
from tests.conftest import main_of

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "ein-langes-Passwort-2026"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email="neu@example.org", display_name="Neue Nachbarin", language="de"):
    prefix = {"de": "/de/konto", "en": "/en/account"}[language]
    return client.post(
        f"{prefix}/signup/",
        {
            "email": email,
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def confirmation_link(message):
    return re.search(r"https?://testserver(/\S+/confirm-email/\S+/)", message.body).group(1)


def test_sign_up_verify_and_sign_in(client, demo):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.display_name == "Neue Nachbarin"
    assert list(user.groups.values_list("name", flat=True)) == [RESIDENTS]
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    link = confirmation_link(mail.outbox[0])
    assert link.startswith("/de/konto/confirm-email/")

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "neu@example.org" in confirm_page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post("/de/konto/login/", {"login": "neu@example.org", "password": PASSWORD})
    assert response.status_code == 302
    html = client.get("/de/").content.decode()
    assert "Neue Nachbarin" in html
    assert "Abmelden" in html


def test_sign_up_in_english_sends_an_english_mail(client, demo):
    sign_up(client, email="new@example.org", language="en")
    assert confirmation_link(mail.outbox[0]).startswith("/en/account/confirm-email/")
    assert "Please confirm" in mail.outbox[0].subject or "Confirm" in mail.outbox[0].subject


def test_sign_up_requires_a_display_name_and_explains_it(client, demo):
    from cms.accounts import NAME_EMPTY
    from tests.conftest import in_german

    response = sign_up(client, display_name="   ")
    assert response.status_code == 200
    assert in_german(NAME_EMPTY) in response.content.decode()
    assert not User.objects.filter(email="neu@example.org").exists()
    assert mail.outbox == []


def test_sign_up_refuses_a_display_name_somebody_uses_or_one_with_invisible_characters(
    client, demo
):
    """The same rules as changing the name later in Mein Bereich: names stay unique (ignoring
    case) and readable."""
    from cms.accounts import NAME_INVISIBLE, NAME_TAKEN
    from tests.conftest import in_german

    taken = sign_up(client, display_name="hanna AUS gadebusch")  # a demo resident's name
    invisible = sign_up(client, display_name="Neue\u200bNachbarin")
    for response, message in ((taken, NAME_TAKEN), (invisible, NAME_INVISIBLE)):
        assert response.status_code == 200
        assert in_german(message) in response.content.decode()
    assert not User.objects.filter(email="neu@example.org").exists()
    assert mail.outbox == []


TOO_LONG = (
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
)


def hostile_names():
    """(display name, the message that refuses it) for names nobody may take."""
    from cms.accounts import NAME_INVISIBLE
    from tests.conftest import in_german

    too_long = in_german(*TOO_LONG, n=50, limit_value=50, show_value=51)
    invisible = in_german(NAME_INVISIBLE)
    return [
        ("x" * 51, too_long),
        ("Neue\x07Nachbarin", invisible),  # a control character (BEL)
        ("Neue\x1b[31mNachbarin", invisible),  # a terminal escape
        ("\u202eNeue Nachbarin", invisible),  # bidi override: the name reads backwards
        ("Neue \u2066Nachbarin\u2069", invisible),  # bidi isolate
        ("Neue\nNachbarin", invisible),  # a line break
    ]


@pytest.mark.parametrize("index", range(6))
def test_sign_up_refuses_hostile_display_names_with_a_clear_message(client, demo, index):
    name, message = hostile_names()[index]
    response = sign_up(client, display_name=name)
    assert response.status_code == 200
    assert escape(message) in main_of(response)
    assert not User.objects.filter(email="neu@example.org").exists()
    assert mail.outbox == []


def test_a_display_name_of_fifty_characters_or_with_html_is_taken_and_shown_as_text(client, demo):
    assert sign_up(client, display_name="x" * 50).status_code == 302
    client.logout()
    html_name = '<script>alert("x")</script><b>Nachbarin</b>'
    assert sign_up(client, email="html@example.org", display_name=html_name).status_code == 302
    person = User.objects.get(email="html@example.org")
    assert person.display_name == html_name
    client.force_login(person)
    page = client.get("/de/").content.decode()
    assert escape(html_name) in page
    assert "<script>alert" not in page and "<b>Nachbarin" not in page


def admin_user_form(display_name, email="kollegin@example.org"):
    return {
        "email": email,
        "display_name": display_name,
        "first_name": "",
        "last_name": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "is_active": "on",
    }


@pytest.mark.parametrize("index", range(6))
def test_the_admin_user_forms_refuse_hostile_display_names(client, demo, index):
    """Staff give names by the same rules as residents: creating and editing a person."""
    name, message = hostile_names()[index]
    client.login(email="admin@example.org", password="landvorteil-demo")
    response = client.post("/admin/users/new/", admin_user_form(name))
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not User.objects.filter(email="kollegin@example.org").exists()

    person = User.objects.get(email="bewohnerin@example.org")
    form = admin_user_form(name, email=person.email)
    del form["password1"], form["password2"]
    response = client.post(f"/admin/users/edit/{person.pk}/", form)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    person.refresh_from_db()
    assert person.display_name == "Hanna aus Gadebusch"


def test_the_admin_user_forms_refuse_an_empty_or_taken_display_name(client, demo):
    from cms.accounts import NAME_EMPTY, NAME_TAKEN
    from tests.conftest import in_german

    client.login(email="admin@example.org", password="landvorteil-demo")
    for name, message in (("   ", NAME_EMPTY), ("HANNA aus gadebusch", NAME_TAKEN)):
        response = client.post("/admin/users/new/", admin_user_form(name))
        assert response.status_code == 200
        assert escape(in_german(message)) in response.content.decode()
    assert not User.objects.filter(email="kollegin@example.org").exists()
    # Keeping one's own name is no clash; spaces are tidied as everywhere else.
    person = User.objects.get(email="bewohnerin@example.org")
    form = admin_user_form("  Hanna   aus Gadebusch ", email=person.email)
    del form["password1"], form["password2"]
    response = client.post(f"/admin/users/edit/{person.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.display_name == "Hanna aus Gadebusch"


def test_unverified_user_is_told_to_verify(client, demo):
    sign_up(client)
    client.logout()
    response = client.post(
        "/de/konto/login/", {"login": "neu@example.org", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "Bestätigen Sie Ihre E-Mail-Adresse" in html


def test_password_reset_does_not_reveal_accounts(client, demo):
    known = client.post("/de/konto/password/reset/", {"email": "bewohnerin@example.org"})
    unknown = client.post("/de/konto/password/reset/", {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done_known = client.get(known["Location"]).content.decode()
    done_unknown = client.get(unknown["Location"]).content.decode()
    assert done_known == done_unknown
    assert [m.to for m in mail.outbox] == [["bewohnerin@example.org"]]


def test_password_reset_and_change(client, demo):
    client.post("/de/konto/password/reset/", {"email": "bewohnerin@example.org"})
    link = re.search(r"https?://testserver(/\S+/password/reset/key/\S+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert client.login(email="bewohnerin@example.org", password=PASSWORD)
    response = client.post(
        "/de/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": PASSWORD + "!", "password2": PASSWORD + "!"},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(email="bewohnerin@example.org", password=PASSWORD + "!")


def test_sign_out_needs_a_post(client, demo):
    client.login(email="bewohnerin@example.org", password="landvorteil-demo")
    page = client.get("/de/konto/logout/")
    assert page.status_code == 200
    assert "_auth_user_id" in client.session
    client.post("/de/konto/logout/")
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited_with_a_clear_message(client, demo):
    for _ in range(5):
        response = client.post(
            "/de/konto/login/", {"login": "bewohnerin@example.org", "password": "falsch"}
        )
        assert response.status_code == 200
        assert "Zu viele" not in response.content.decode()
    response = client.post(
        "/de/konto/login/", {"login": "bewohnerin@example.org", "password": "landvorteil-demo"}
    )
    html = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in html
    assert "_auth_user_id" not in client.session


def test_account_pages_use_the_site_layout_and_are_not_indexed(client, demo):
    for path in ["/de/konto/login/", "/de/konto/signup/", "/de/konto/password/reset/"]:
        html = client.get(path).content.decode()
        assert '<html lang="de">' in html
        assert '<main id="main"' in html
        assert 'href="/de/impressum/"' in html
        assert '<meta name="robots" content="noindex">' in html
        assert len(re.findall(r"<h1[ >]", html)) == 1


def test_demo_roles_exist_as_groups(demo):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS, LEAD_EDITORS, MODERATORS, RESIDENTS} <= names
    editors = Group.objects.get(name=EDITORS)
    assert editors.permissions.filter(codename="access_admin").exists()
    page_permissions = set(editors.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page"} <= page_permissions
    assert "publish_page" not in page_permissions
    assert Group.objects.get(name=MODERATORS).permissions.filter(codename="access_admin").exists()
    assert not Group.objects.get(name=RESIDENTS).permissions.exists()


@pytest.mark.parametrize(
    ("email", "admin_access"),
    [
        ("admin@example.org", True),
        ("redaktion@example.org", True),
        ("moderation@example.org", True),
        ("bewohnerin@example.org", False),
    ],
)
def test_admin_access_by_role(client, demo, email, admin_access):
    client.login(email=email, password="landvorteil-demo")
    response = client.get("/admin/")
    assert (response.status_code == 200) is admin_access
    html = client.get("/de/").content.decode()
    assert ('href="/admin/"' in html) is admin_access


def test_admin_link_follows_permissions_given_to_the_person_or_taken_away(client, demo):
    from django.contrib.auth.models import Permission

    resident = UserFactory()
    client.force_login(resident)
    assert 'href="/admin/"' not in client.get("/de/").content.decode()
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    resident.user_permissions.add(access)
    assert 'href="/admin/"' in client.get("/de/").content.decode()
    resident.user_permissions.remove(access)
    assert 'href="/admin/"' not in client.get("/de/").content.decode()


def test_a_confirmed_address_counts_from_the_next_request_on(client, demo):
    # The person is loaded with their account facts on each request (cms.accounts), so a
    # confirmation in between is seen at once, without signing in again.
    from participation import rules

    resident = UserFactory(verified=False)
    client.force_login(resident)
    assert client.get("/de/").wsgi_request.user.email_verified is False
    EmailAddress.objects.filter(user=resident).update(verified=True)
    user = client.get("/de/").wsgi_request.user
    assert user.email_verified is True
    assert rules.person_obstacle(user) is None


def test_resident_opening_the_admin_is_told_why_without_a_redirect_loop(client, demo):
    client.login(email="bewohnerin@example.org", password="landvorteil-demo")
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    html = response.content.decode()
    assert "nicht die nötige Berechtigung" in html
    assert '<main id="main"' in html


def test_admin_sign_in_goes_through_the_rate_limited_form(client, demo):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/login/?next=/admin/")
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/login/")


def test_editor_can_manage_pages_but_resident_cannot_edit(client, home_de):
    editor = UserFactory(group=EDITORS)
    client.force_login(editor)
    assert client.get(f"/admin/pages/{home_de.pk}/edit/").status_code == 200
    resident = UserFactory()
    client.force_login(resident)
    assert client.get(f"/admin/pages/{home_de.pk}/edit/").status_code == 302


def test_admin_user_form_sets_the_display_name(client, demo):
    client.login(email="admin@example.org", password="landvorteil-demo")
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="display_name"' in form
    response = client.post(
        "/admin/users/new/",
        {
            "email": "kollegin@example.org",
            "display_name": "Kollegin",
            "first_name": "",
            "last_name": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="kollegin@example.org").display_name == "Kollegin"


def test_other_rate_limits_answer_with_the_sites_page(client, demo, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    sign_up(client, email="erste@example.org")
    client.logout()
    response = sign_up(client, email="zweite@example.org")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele Versuche" in html
    assert '<main id="main"' in html
    assert not User.objects.filter(email="zweite@example.org").exists()


def test_sign_up_with_a_known_address_does_not_reveal_the_account(client, demo):
    new = sign_up(client, email="neu@example.org")
    client.logout()
    known = sign_up(client, email="bewohnerin@example.org", display_name="Jemand")
    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert User.objects.filter(email="bewohnerin@example.org").count() == 1
    assert User.objects.get(email="bewohnerin@example.org").display_name == "Hanna aus Gadebusch"
    assert [m.to for m in mail.outbox] == [["neu@example.org"], ["bewohnerin@example.org"]]


def test_sign_in_and_out_keep_the_language(client, demo):
    response = client.post(
        "/en/account/login/", {"login": "bewohnerin@example.org", "password": "landvorteil-demo"}
    )
    assert response["Location"] == "/en/"
    response = client.post("/en/account/logout/")
    assert response["Location"] == "/en/"


def test_expired_form_gets_a_clear_page(demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/de/konto/login/", {"login": "x@example.org", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formular abgelaufen" in html
    assert '<main id="main"' in html


def test_editors_submit_pages_to_the_lead_editors_workflow(home_de):
    from django.contrib.auth.models import Group

    workflow = home_de.get_workflow()
    assert workflow is not None and workflow.active
    task = workflow.tasks.get().specific
    assert task.name == "Freigabe durch die Chefredaktion"
    assert list(task.groups.values_list("name", flat=True)) == [LEAD_EDITORS]
    editors = Group.objects.get(name=EDITORS)
    assert not editors.page_permissions.filter(permission__codename="publish_page").exists()


def test_footer_settings_are_editable_in_the_admin(client, demo):
    client.login(email="admin@example.org", password="landvorteil-demo")
    url = f"/admin/settings/cms/footersettings/{demo.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="imprint_page"' in response.content.decode()
    footer = FooterSettings.for_site(demo)
    imprint = StoryIndexPage.objects.get(locale__language_code="de")
    assert footer.imprint_page_id != imprint.pk
    # The footer as the site shows it before: in the layout cache, which saving must renew.
    assert "kontakt-neu@example.org" not in client.get("/de/").content.decode()
    response = client.post(
        url,
        {
            "imprint_page": imprint.pk,
            "privacy_page": footer.privacy_page_id or "",
            "accessibility_page": footer.accessibility_page_id or "",
            "contact_email": "kontakt-neu@example.org",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    page = client.get("/de/").content.decode()
    footer_html = page.split("<footer", 1)[1]
    assert '<a href="mailto:kontakt-neu@example.org">kontakt-neu@example.org</a>' in footer_html
    assert f'<a href="{imprint.url}">' in footer_html
