"""The demo scenario: a process in its proposal phase beside the one in its support phase and
the finished one, where the demo resident can submit a proposal right after loading; loading
again duplicates nothing and brings an earlier demo up to date; the demo's links point where
``make run`` serves it; the home page's "ways to take part" lead to their sections."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale, Page, Site

import pytest

from demo.content.processes import COLLECTING, COLLECTING_EN, FINISHED, RUNNING
from demo.content.proposals import COLLECTING_PROPOSALS
from demo.loaders.site import demo_port
from participation.models import Proposal, Support
from visions.models import ProcessPage

pytestmark = pytest.mark.django_db


def process(spec, language="de"):
    german = ProcessPage.objects.get(slug=spec["slug"], locale__language_code="de")
    if language == "de":
        return german
    return german.get_translation(Locale.objects.get(language_code=language))


def load():
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def test_three_processes_one_in_each_stage(demo):
    today = timezone.localdate()
    collecting = process(COLLECTING)
    assert collecting.allows("submit") and not collecting.allows("support")
    assert collecting.current_phase().end == today + datetime.timedelta(days=24)
    running = process(RUNNING)
    assert running.allows("support") and not running.allows("submit")
    assert process(FINISHED).current_phase() is None


def test_the_proposal_phase_has_its_first_proposals_in_german_and_english(client, demo):
    collecting = process(COLLECTING)
    proposals = Proposal.objects.filter(process=collecting)
    assert sorted(proposals.values_list("title", flat=True)) == sorted(
        spec[5] for spec in COLLECTING_PROPOSALS
    )
    assert not Support.objects.filter(proposal__process=collecting).exists()
    assert all(proposal.is_readable for proposal in proposals)
    english = process(COLLECTING, "en")
    assert english.title == COLLECTING_EN["title"]
    assert [phase.title for phase in english.phases.order_by("sort_order")] == [
        title for title, _description in COLLECTING_EN["phases"]
    ]
    for page in (collecting, english):
        html = client.get(page.url).content.decode()
        assert COLLECTING_PROPOSALS[0][5] in html


def test_the_demo_resident_submits_a_proposal_right_after_loading(client, demo):
    collecting = process(COLLECTING)
    resident = get_user_model().objects.get(email="bewohnerin@example.org")
    client.force_login(resident)
    submit = collecting.submit_url()
    assert client.get(submit).status_code == 200
    field = collecting.fields_of_action.first()
    data = {
        "title": "Ein Repair-Café im Gemeindehaus",
        "summary": "Einmal im Monat reparieren wir gemeinsam, was kaputt ist.",
        "text": "Im Gemeindehaus ist Platz.\n\nWer etwas kann, zeigt es den anderen.",
        "field_of_action": field.pk,
        "municipality": "Gadebusch",
        "latitude": "",
        "longitude": "",
        "image_alt": "",
        "step": "preview",
    }
    preview = client.post(submit, data)
    assert preview.status_code == 200
    token = preview.context["submission_token"]
    response = client.post(submit, {**data, "step": "submit", "submission": token})
    proposal = Proposal.objects.get(author=resident, process=collecting)
    assert response.status_code == 302
    assert response["Location"] == proposal.get_url()
    assert proposal.is_readable


def test_loading_again_duplicates_nothing(demo):
    def counts():
        return (
            Page.objects.count(),
            Proposal.objects.count(),
            Support.objects.count(),
            Site.objects.count(),
        )

    before = counts()
    assert "nothing had to be created" in load()
    assert counts() == before


def test_an_earlier_demo_gets_the_new_process(demo):
    """A database loaded before the process existed: the next load adds it with its
    proposals, and leaves the rest alone."""
    collecting = process(COLLECTING)
    Proposal.objects.filter(process=collecting).delete()
    for page in Page.objects.filter(translation_key=collecting.translation_key):
        page.delete()
    others = Proposal.objects.count()

    output = load()
    assert "Created" in output
    assert process(COLLECTING).allows("submit")
    assert process(COLLECTING, "en").live
    assert Proposal.objects.count() == others + len(COLLECTING_PROPOSALS)


def test_the_site_is_where_make_run_serves_it(client, demo):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", demo_port()) == ("127.0.0.1", 8000)
    assert site.root_url == "http://127.0.0.1:8000"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://127.0.0.1:8000/de/</loc>" in sitemap
    assert "localhost" not in sitemap
    home = client.get("/de/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/de/">' in home
    assert 'hreflang="en" href="http://127.0.0.1:8000/en/"' in home


def test_another_port_moves_the_site_and_a_real_host_stays(demo, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    assert "site address" in load()
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"

    site.hostname, site.port = "landvorteil.example.org", 443
    site.save()
    load()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("landvorteil.example.org", 443)


@pytest.mark.parametrize(
    ("path", "links"),
    [
        (
            "/de/",
            {
                "Information": "/de/geschichten/",
                "Bildung": "/de/handlungspfade/",
                "Visionsentwicklung": "/de/beteiligung/",
                "Kompetenzaufbau": "/de/veranstaltungen/",
            },
        ),
        (
            "/en/",
            {
                "Information": "/en/stories/",
                "Education": "/en/learning-paths/",
                "Developing visions": "/en/participation/",
                "Building skills": "/en/events/",
            },
        ),
    ],
)
def test_the_ways_to_take_part_lead_to_their_sections(client, demo, path, links):
    html = client.get(path).content.decode()
    grid = html.split("card-grid__list", 1)[1].split("</ul>", 1)[0]
    cards = grid.split('<li class="card')[1:]
    assert len(cards) == 5 and all(card.startswith(' card--linked"') for card in cards)
    for title, url in links.items():
        card = next(card for card in cards if f">{title}</h3>" in card)
        assert f'href="{url}"' in card
    with translation.override(path.strip("/")):
        groups = reverse("participation:groups")
    assert groups.startswith(path) and f'href="{groups}"' in cards[3]
