"""deploy/backup.sh and deploy/restore-drill.sh as an operator runs them: separate processes on a
database of their own (they must see committed data, which the test database's transactions are
not), a media folder with a few files; the drill passes on a good backup and fails on each kind
of damage."""

import shutil
import subprocess
import tarfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup.sh"
DRILL = ROOT / "deploy" / "restore-drill.sh"

pytestmark = [
    pytest.mark.skipif(
        not settings.DATABASE_IS_POSTGRES,
        reason="Backups are PostgreSQL dumps (DATABASE_URL=postgres://…); SQLite is not backed up.",
    ),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "psql", "createdb")),
        reason="Needs PostgreSQL's client programs (pg_dump, pg_restore, psql, createdb).",
    ),
]


def server_url(name):
    params = settings.DATABASES["default"]
    credentials = quote(params["USER"] or "", safe="")
    if params["PASSWORD"]:
        credentials += ":" + quote(params["PASSWORD"], safe="")
    host = f"{params['HOST'] or ''}:{params['PORT']}" if params["PORT"] else params["HOST"] or ""
    return f"postgres://{credentials}{'@' if credentials else ''}{host}/{name}"


def admin_connection():
    return psycopg.connect(server_url("postgres"), autocommit=True)


def drill_databases():
    with admin_connection() as admin:
        return {
            name
            for (name,) in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'landvorteil_drill_%'"
            )
        }


@pytest.fixture
def source():
    """A database with committed rows in a few tables (one outside ``public``, one with a
    foreign key, one empty); dropped afterwards."""
    name = f"lv_backup_test_{uuid.uuid4().hex[:10]}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = server_url(name)
    with psycopg.connect(url, autocommit=True) as database:
        database.execute(
            """
            CREATE TABLE proposal (id serial PRIMARY KEY, title text NOT NULL);
            CREATE TABLE support (id serial PRIMARY KEY,
                                  proposal_id int NOT NULL REFERENCES proposal(id));
            CREATE TABLE nothing_yet (id int);
            CREATE SCHEMA archive;
            CREATE TABLE archive."Old Entries" (id int);
            INSERT INTO proposal (title) SELECT 'Vorschlag ' || n FROM generate_series(1, 120) n;
            INSERT INTO support (proposal_id) SELECT 1 + n % 120 FROM generate_series(1, 700) n;
            INSERT INTO archive."Old Entries" VALUES (1), (2), (3);
            """
        )
    yield url
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    (root / "original_images" / "2024").mkdir(parents=True)
    (root / "documents").mkdir()
    (root / "original_images" / "2024" / "karte von hier.png").write_bytes(bytes(range(256)) * 40)
    (root / "documents" / "protokoll.pdf").write_bytes(b"%PDF-1.4 protokoll")
    (root / "robots.txt").write_text("klein\n")
    return root


def run(script, *args, env_extra, check=None):
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        **env_extra,
    }
    result = subprocess.run(  # noqa: S603
        [str(script), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if check is not None:
        assert result.returncode == check, result.stdout + result.stderr
    return result


@pytest.fixture
def backup(source, media, tmp_path):
    """One backup of ``source`` and ``media``: its folder."""
    env = {"DATABASE_URL": source, "MEDIA_ROOT": media}
    run(BACKUP, tmp_path / "backups", env_extra=env, check=0)
    (folder,) = (tmp_path / "backups").glob("landvorteil-*")
    return folder


def drill(folder, source):
    return run(DRILL, folder, env_extra={"DATABASE_URL": source})


def manifest(folder):
    return [line.split("\t") for line in (folder / "manifest.txt").read_text().splitlines()]


def rewrite_manifest(folder, change):
    lines = ["\t".join(change(fields)) for fields in manifest(folder)]
    (folder / "manifest.txt").write_text("\n".join(lines) + "\n")


def line_of(output, start):
    return next(line for line in output.splitlines() if line.startswith(start))


def test_a_backup_restores_with_every_row_and_media_file(backup, source):
    rows = {fields[1]: int(fields[2]) for fields in manifest(backup) if fields[0] == "rows"}
    assert rows == {
        "archive.Old Entries": 3,
        "public.nothing_yet": 0,
        "public.proposal": 120,
        "public.support": 700,
    }
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "media.tar",
        "media.sha256",
        "manifest.txt",
    }
    assert "./original_images/2024/karte von hier.png" in (backup / "media.sha256").read_text()
    before = drill_databases()

    result = drill(backup, source)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "DIFFERENT" not in result.stdout
    assert line_of(result.stdout, "rows of public.support").split()[-3:] == ["700", "700", "ok"]
    assert line_of(result.stdout, "media files").split()[-3:] == ["3", "3", "ok"]
    assert "Restore drill passed: 4 tables and 3 media files" in result.stdout
    # The scratch database is gone again.
    assert drill_databases() == before


def test_rows_written_during_the_backup_do_not_make_the_manifest_disagree(source, media, tmp_path):
    """The counts are taken in the dump's snapshot: a site writing on while the backup runs
    neither gets into the counts without the dump nor the reverse."""
    stop = threading.Event()
    written = []

    def write():
        with psycopg.connect(source, autocommit=True) as database:
            while not stop.is_set():
                database.execute("INSERT INTO support (proposal_id) VALUES (1)")
                written.append(1)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        run(
            BACKUP,
            tmp_path / "backups",
            env_extra={"DATABASE_URL": source, "MEDIA_ROOT": media},
            check=0,
        )
    finally:
        stop.set()
        writer.join(timeout=30)
    (folder,) = (tmp_path / "backups").glob("landvorteil-*")
    assert len(written) > 50
    result = drill(folder, source)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_count_that_differs_fails_the_drill(backup, source):
    rewrite_manifest(
        backup, lambda f: [*f[:2], "699"] if f[:2] == ["rows", "public.support"] else f
    )
    result = drill(backup, source)
    assert result.returncode == 1
    assert line_of(result.stdout, "rows of public.support").split()[-3:] == [
        "699",
        "700",
        "DIFFERENT",
    ]
    assert "Restore drill FAILED: 1 difference(s)." in result.stdout


def test_a_table_missing_from_the_restore_fails_the_drill(backup, source):
    (backup / "manifest.txt").write_text(
        (backup / "manifest.txt").read_text() + "rows\tpublic.vanished\t5\n"
    )
    result = drill(backup, source)
    assert result.returncode == 1
    assert line_of(result.stdout, "rows of public.vanished").split()[-3:] == [
        "5",
        "missing",
        "DIFFERENT",
    ]


def test_a_media_file_missing_from_the_archive_fails_the_drill(backup, source, media, tmp_path):
    (media / "documents" / "protokoll.pdf").unlink()
    with tarfile.open(backup / "media.tar", "w") as archive:
        archive.add(media, arcname=".")
    result = drill(backup, source)
    assert result.returncode == 1
    assert line_of(result.stdout, "media.tar sha256").endswith("DIFFERENT")
    assert line_of(result.stdout, "media files").split()[-3:] == ["3", "2", "DIFFERENT"]
    assert line_of(result.stdout, "media tree sha256").endswith("DIFFERENT")
    assert "./documents/protokoll.pdf" in line_of(result.stdout, "-")


def test_a_failed_backup_leaves_no_backup_behind(media, tmp_path):
    result = run(
        BACKUP,
        tmp_path / "backups",
        env_extra={"DATABASE_URL": server_url("lv_backup_does_not_exist"), "MEDIA_ROOT": media},
    )
    assert result.returncode != 0
    assert list((tmp_path / "backups").iterdir()) == []


def test_older_backups_beyond_backup_keep_are_removed(source, media, tmp_path):
    env = {"DATABASE_URL": source, "MEDIA_ROOT": media, "BACKUP_KEEP": "2"}
    for _ in range(3):
        run(BACKUP, tmp_path / "backups", env_extra=env, check=0)
        # Backups are named by the second they start in.
        time.sleep(1.05)
    assert len(list((tmp_path / "backups").glob("landvorteil-*"))) == 2
