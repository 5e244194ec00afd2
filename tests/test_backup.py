"""A backup restores into an empty database with the same rows and the same certificate."""

import sqlite3
import subprocess
from datetime import date

import pytest
from django.db import connection

from core.backups import backup, postgres_arguments, restore, row_counts
from qualification.certificates import issue_for_records
from tests import factories


@pytest.fixture
def data(office, teacher_a, methodist, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.make_certificate_settings(office)
    record = factories.make_record(teacher_a, completed_on=date(2023, 1, 14))
    _document, new, _existing = issue_for_records(record_ids=[record.pk], layout="ky", by=methodist)
    return new[0]


def _restored_rows(target):
    if connection.vendor == "sqlite":
        with sqlite3.connect(target["NAME"]) as restored:
            tables = [row[0] for row in restored.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            counts = {table: restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
            code = restored.execute("SELECT code, holder_name FROM certificates_certificate").fetchone()
        return counts, code
    import psycopg

    host = target.get("HOST") or target.get("OPTIONS", {}).get("host")
    with (
        psycopg.connect(dbname=target["NAME"], user=target["USER"], host=host) as restored,
        restored.cursor() as cursor,
    ):
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        counts = {}
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT code, holder_name FROM certificates_certificate")
        code = cursor.fetchone()
    return counts, code


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(data, tmp_path):
    folder = backup(tmp_path / "backup")
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        target = {**source, "NAME": str(tmp_path / "restored.sqlite3")}
    else:
        target = {**source, "NAME": "ustat_restore_check"}
        subprocess.run(["dropdb", "--if-exists", *postgres_arguments(source), target["NAME"]], check=True)
        subprocess.run(["createdb", *postgres_arguments(source), target["NAME"]], check=True)
    restored_media = tmp_path / "restored-media"
    restore(folder, database=target, media_root=restored_media)

    counts, (code, holder_name) = _restored_rows(target)
    expected = {table: count for table, count in row_counts().items() if table in counts}
    assert {table: counts[table] for table in expected} == expected
    assert (code, holder_name) == (data.code, "Өмүрова Айгүл Токтосуновна")
    assert (restored_media / data.pdf.name).read_bytes() == data.pdf.open("rb").read()
