"""The open data files and page: the files say what the API says (same objects, CSV rows the
flattened objects), only what everybody may read and count, under the licence editors choose;
they follow changes, stream when large and keep working without Redis."""

import csv
import io
import json

from django.contrib.auth.models import Group
from django.http import FileResponse, StreamingHttpResponse

from wagtail.models import PageViewRestriction, Site

import pytest

from cms import roles
from opendata import datasets
from opendata.datasets import DATASETS
from opendata.generation import regenerate_stale
from opendata.models import Licence, OpenDataFile, OpenDataPage, OpenDataSettings
from participation.models import Moderation, Poll, Proposal
from participation.services.moderation import Action, moderate
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
)
from tests.participation.factories import ActionGroupFactory, ProposalFactory
from tests.participation.test_polls import make_poll
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "localhost"}


@pytest.fixture
def index(site_homes):
    return ProcessIndexPageFactory(parent=site_homes[0])


@pytest.fixture
def process(index):
    page = ProcessPageFactory(parent=index, title="Mobilität 2040")
    page.save_revision().publish()
    return page


@pytest.fixture
def private_process(index):
    page = ProcessPageFactory(parent=index, title="Interner Prozess")
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    return page


@pytest.fixture
def field(db):
    return FieldOfActionFactory()


@pytest.fixture
def proposals(process, private_process, field):
    """Two readable proposals (one with a location) and one of each kind nobody may read."""
    shown = [
        ProposalFactory(
            process=process,
            field_of_action=field,
            title="Rufbus am Abend",
            municipality="Ratzeburg",
            latitude=53.69,
            longitude=10.77,
            support_count=3,
        ),
        ProposalFactory(process=process, field_of_action=field, title="Radweg „nach“ Mölln"),
    ]
    hidden = [
        ProposalFactory(process=process, field_of_action=field, moderation=Moderation.HIDDEN),
        ProposalFactory(process=process, field_of_action=field, moderation=Moderation.PENDING),
        ProposalFactory(process=private_process, field_of_action=field, title="Geheim"),
    ]
    deleted = ProposalFactory(process=process, field_of_action=field, title="Gelöscht")
    deleted.delete()
    return shown, hidden


@pytest.fixture
def open_data_page(site_homes):
    page = OpenDataPage(title="Offene Daten", slug="offene-daten")
    site_homes[0].add_child(instance=page)
    page.save_revision().publish()
    return page


def api_items(client, endpoint, **params):
    """Every object the API lists at /api/v1/<endpoint>/, all pages followed."""
    items = []
    address = f"/api/v1/{endpoint}/"
    params = {"page_size": 100, **params}
    while address:
        response = client.get(address, params, **HOST)
        assert response.status_code == 200, response.content
        body = response.json()
        items.extend(body["results"])
        address, params = body["next"], {}
    return sorted(items, key=lambda item: item["id"])


def download(client, dataset, fmt, process_id=None):
    if process_id:
        address = f"/api/v1/open-data/processes/{process_id}/{dataset}.{fmt}"
    else:
        address = f"/api/v1/open-data/{dataset}.{fmt}"
    response = client.get(address, **HOST)
    assert response.status_code == 200, address
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8")


def json_items(client, dataset, process_id=None):
    _response, text = download(client, dataset, "json", process_id)
    return sorted(json.loads(text)["items"], key=lambda item: item["id"])


def flattened(item):
    """An API object as a CSV row: nested objects one column per part, lists as JSON."""
    row = {}
    for name, value in item.items():
        if isinstance(value, dict):
            for part, inner in value.items():
                row[f"{name}_{part}"] = "" if inner is None else str(inner)
        elif isinstance(value, list):
            row[name] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = "" if value is None else str(value)
    return row


def csv_rows(client, dataset, process_id=None):
    _response, text = download(client, dataset, "csv", process_id)
    return sorted(csv.DictReader(io.StringIO(text)), key=lambda row: int(row["id"]))


# --- The files say what the API says ------------------------------------------------------------


@pytest.fixture
def pages_of_every_kind(site_homes):
    """A place, an event there and a vision with an update, published."""
    home = site_homes[0]
    place = PlacePageFactory(parent=PlaceIndexPageFactory(parent=home), title="Coworking Wismar")
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home), title="Werkstatt")
    vision = VisionPageFactory(
        parent=VisionIndexPageFactory(parent=home),
        title="Mobil ohne Auto",
        updates=[{"title": "Start", "date": "2026-01-15"}],
    )
    for page in (place, event, vision):
        page.save_revision().publish()
    return place, event, vision


@pytest.mark.parametrize("generated", [False, True], ids=["on the fly", "stored"])
@pytest.mark.parametrize("dataset", DATASETS.values(), ids=DATASETS.keys())
def test_every_dataset_file_holds_the_apis_objects(
    client, proposals, process, pages_of_every_kind, dataset, generated
):
    assert dataset.available, f"The API has no list of {dataset.slug}."
    ActionGroupFactory(process=process, municipality="Mölln")
    make_poll(answers=("Bus", "Rad"), process=process, show_results=Poll.Results.ALWAYS)
    if generated:
        regenerate_stale()
        assert OpenDataFile.objects.filter(dataset=dataset.slug, process_id=0).exists()
    expected = api_items(client, dataset.endpoint)
    assert expected, "the comparison covers real objects"
    assert json_items(client, dataset.slug) == expected
    rows = csv_rows(client, dataset.slug)
    assert len(rows) == len(expected)
    for row, item in zip(rows, expected, strict=True):
        assert row == {column: flattened(item).get(column, "") for column in row}


def test_csv_columns_flatten_nested_objects_with_clear_names(client, proposals, process, field):
    rows = csv_rows(client, "proposals")
    first = next(row for row in rows if row["title"] == "Rufbus am Abend")
    assert first["process_id"] == str(process.pk)
    assert first["process_title"] == "Mobilität 2040"
    assert first["field_of_action_slug"] == field.slug
    assert first["municipality"] == "Ratzeburg"
    assert "process" not in first and "field_of_action" not in first
    assert "Radweg „nach“ Mölln" in {row["title"] for row in rows}  # UTF-8 kept


def test_per_process_files_hold_that_process_only(client, proposals, process, index):
    other = ProcessPageFactory(parent=index, title="Anderer Prozess")
    other.save_revision().publish()
    ProposalFactory(process=other, field_of_action=proposals[0][0].field_of_action)
    items = json_items(client, "proposals", process.pk)
    assert items == api_items(client, "proposals", process=process.pk)
    assert {item["process"]["id"] for item in items} == {process.pk}
    assert len(items) == 2


def test_geojson_has_the_located_items_as_points(client, proposals):
    response, text = download(client, "proposals", "geojson")
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    assert collection["licence"]["id"] == "CC-BY-4.0"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [10.77, 53.69]}
    assert feature["properties"]["title"] == "Rufbus am Abend"


# --- Only what everybody may read --------------------------------------------------------------


def test_hidden_pending_deleted_and_private_items_are_absent_and_not_counted(
    client, proposals, private_process, open_data_page
):
    shown, hidden = proposals
    regenerate_stale()
    for fmt in ("csv", "json", "geojson"):
        _response, text = download(client, "proposals", fmt)
        for proposal in hidden:
            assert proposal.title not in text
        assert "Gelöscht" not in text
        assert "@" not in text  # no e-mail address, ever
    assert (
        OpenDataFile.objects.get(dataset="proposals", process_id=0, format="json").record_count == 2
    )
    assert json.loads(download(client, "proposals", "json")[1])["count"] == 2
    # A private process has no downloads of its own.
    response = client.get(f"/api/v1/open-data/processes/{private_process.pk}/proposals.csv", **HOST)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    page = client.get(open_data_page.url).content.decode()
    assert "Interner Prozess" not in page


def test_unknown_dataset_or_format_is_a_json_404(client, site_homes):
    for address in ("nothing.csv", "processes.geojson"):
        response = client.get(f"/api/v1/open-data/{address}", **HOST)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
    assert client.get("/api/v1/open-data/proposals.exe", **HOST).status_code == 404


# --- Follows changes ---------------------------------------------------------------------------


def test_a_proposal_hidden_by_a_moderator_is_gone_from_the_next_download(
    client, proposals, django_capture_on_commit_callbacks
):
    shown, _hidden = proposals
    regenerate_stale()
    row = OpenDataFile.objects.get(dataset="proposals", process_id=0, format="csv")
    assert "Rufbus am Abend" in download(client, "proposals", "csv")[1]
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        moderate(shown[0], Action.HIDE, moderator, reason="spam", notify=False)
    assert queued, "a regeneration is queued"
    row.refresh_from_db()
    assert not row.is_current
    # Before the worker has regenerated: the download is made from the database.
    response, text = download(client, "proposals", "csv")
    assert not isinstance(response, FileResponse) and "Rufbus am Abend" not in text
    # The worker (the immediate queue of the tests) regenerates the file.
    for callback in queued:
        callback()
    row.refresh_from_db()
    assert row.is_current and row.record_count == 1
    response, text = download(client, "proposals", "csv")
    assert "Rufbus am Abend" not in text and "Radweg" in text


def test_a_regeneration_replaces_the_whole_file(proposals, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from opendata.generation import generate

    dataset = DATASETS["proposals"]
    first_name = generate(dataset, "json").file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = generate(dataset, "json")
    assert second.file.name != first_name
    assert not default_storage.exists(first_name)
    assert (
        OpenDataFile.objects.filter(dataset="proposals", process_id=0, format="json").count() == 1
    )
    with default_storage.open(second.file.name) as handle:
        assert json.loads(handle.read())["count"] == 2


def test_stored_files_have_etag_and_last_modified_and_answer_304(client, proposals):
    regenerate_stale()
    response, text = download(client, "proposals", "json")
    assert response["ETag"] and response["Last-Modified"]
    assert response["Content-Disposition"].startswith(
        'attachment; filename="landvorteil-proposals-'
    )
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Set-Cookie" not in response
    again = client.get(
        "/api/v1/open-data/proposals.json", HTTP_IF_NONE_MATCH=response["ETag"], **HOST
    )
    assert again.status_code == 304
    since = client.get(
        "/api/v1/open-data/proposals.json",
        HTTP_IF_MODIFIED_SINCE=response["Last-Modified"],
        **HOST,
    )
    assert since.status_code == 304


def test_downloads_allow_cross_origin_reads(client, proposals):
    response = client.get(
        "/api/v1/open-data/proposals.csv", HTTP_ORIGIN="https://example.org", **HOST
    )
    assert response["Access-Control-Allow-Origin"] == "*"


# --- Large exports stream ----------------------------------------------------------------------


def test_a_large_export_streams_in_chunks(client, process, field, monkeypatch):
    author = UserFactory()
    Proposal.objects.bulk_create(
        Proposal(
            process=process,
            author=author,
            field_of_action=field,
            title=f"Vorschlag {n}",
            summary="Kurz " * 20,
            text="Ein längerer Text. " * 20,
        )
        for n in range(1200)
    )
    reads = []
    real_iterator = datasets.records

    def counting(view):
        for item in real_iterator(view):
            reads.append(item["id"])
            yield item

    monkeypatch.setattr(datasets, "records", counting)
    response = client.get("/api/v1/open-data/proposals.json", **HOST)
    assert isinstance(response, StreamingHttpResponse)
    assert not isinstance(response, FileResponse)
    chunks = iter(response.streaming_content)
    first = next(chunks)
    # The first chunk is sent before the last proposal has been read.
    assert len(first) < 200 * 1024 and len(reads) < 1200
    rest = b"".join(chunks)
    assert json.loads(first + rest)["count"] == 1200


# --- Redis down --------------------------------------------------------------------------------


def test_downloads_work_while_redis_is_down(client, shared_cache, proposals):
    shared_cache.stop()
    _response, text = download(client, "proposals", "csv")
    assert "Rufbus am Abend" in text
    regenerate_stale()
    response, text = download(client, "proposals", "json")
    assert isinstance(response, FileResponse) and "Rufbus am Abend" in text


# --- The page ----------------------------------------------------------------------------------


def test_page_shows_datasets_licence_dictionary_and_api_link(client, proposals, open_data_page):
    regenerate_stale()
    html = client.get(open_data_page.url).content.decode()
    assert "Creative Commons Attribution 4.0 International" in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html
    assert "/api/v1/open-data/proposals.csv" in html
    assert "/api/v1/open-data/action-groups.geojson" in html
    # The data dictionary: fields, their CSV columns and the serializers' help texts.
    assert "<code>process_title</code>" in html
    assert "<code>support_count</code>" in html


def test_editors_change_the_licence_and_the_files_and_page_follow(
    client, proposals, open_data_page, django_capture_on_commit_callbacks
):
    setting = OpenDataSettings.for_site(Site.objects.get(is_default_site=True))
    setting.licence = Licence.CC0_1
    setting.attribution = "LANDVORTEIL – Innovationsbündnis"
    setting.save()
    html = client.get(open_data_page.url).content.decode()
    assert "Creative Commons Zero 1.0 Universal" in html
    assert "LANDVORTEIL – Innovationsbündnis" in html
    licence = json.loads(download(client, "proposals", "json")[1])["licence"]
    assert licence == {
        "id": "CC0-1.0",
        "name": "Creative Commons Zero 1.0 Universal (public domain dedication)",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "attribution": "LANDVORTEIL – Innovationsbündnis",
    }


@pytest.mark.parametrize(
    "role, allowed",
    [(roles.EDITORS, True), (roles.LEAD_EDITORS, True), (roles.MODERATORS, False)],
)
def test_only_editors_may_change_the_licence(client, site_homes, role, allowed):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    assert user.has_perm("opendata.change_opendatasettings") is allowed
    client.force_login(user)
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/opendata/opendatasettings/{site.pk}/")
    assert (response.status_code == 200) is allowed


def test_per_process_section_lists_that_process_downloads(
    client, proposals, process, open_data_page
):
    html = client.get(open_data_page.url, {"process": process.pk}).content.decode()
    assert f"/api/v1/open-data/processes/{process.pk}/proposals.csv" in html
    bad = client.get(open_data_page.url, {"process": "abc"})
    assert bad.status_code == 200
    assert 'aria-invalid="true"' in bad.content.decode()


def test_page_queries_do_not_grow_with_processes_and_files(client, index, field, open_data_page):
    from tests.conftest import queries_of

    def add_process(n):
        page = ProcessPageFactory(parent=index, title=f"Prozess {n}")
        page.save_revision().publish()
        ProposalFactory(process=page, field_of_action=field)

    add_process(0)
    regenerate_stale()
    _response, few = queries_of(client, open_data_page.url)
    for n in range(1, 6):
        add_process(n)
    regenerate_stale()
    _response, many = queries_of(client, open_data_page.url)
    assert len(many) == len(few), [q["sql"][:300] for q in many]


def test_english_page_speaks_english(client, open_data_page, locale_en):
    from tests.conftest import translate

    english = translate(open_data_page, locale_en, title="Open data")
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert "Data dictionary" in html and "Downloads for the whole platform" in html


def test_the_worker_rewrites_every_file_nightly_and_catches_up_every_ten_minutes(proposals):
    from django.utils import timezone
    from django.utils.module_loading import import_string

    from participation import periodic

    jobs = {name: (frequency, path) for name, frequency, path in periodic.JOBS}
    assert jobs["open-data-nightly"][0] == "daily"
    assert jobs["open-data-stale"][0] == "every-10-minutes"
    import_string(jobs["open-data-nightly"][1])(timezone.now())
    rows = OpenDataFile.objects.filter(process_id=0)
    assert {row.dataset for row in rows} == set(DATASETS)
    assert all(row.is_current for row in rows)
    # Nothing out of date: the catch-up writes nothing.
    assert import_string(jobs["open-data-stale"][1])(timezone.now()) == 0
