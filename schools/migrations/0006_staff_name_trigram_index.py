"""On PostgreSQL, a trigram index for the staff name search ("every word occurs in the full name").

The search filtered on LOWER(surname || ' ' || given_name || ' ' || patronymic) LIKE '%word%'. Since 0013 the
search reads a stored lowered name, found through the office's schools, and this index is dropped there.
SQLite has no trigram indexes: the migration does nothing there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# LOWER(Concat("surname", " ", "given_name", " ", "patronymic")) as Django writes it for PostgreSQL.
SEARCH_NAME = (
    """LOWER((COALESCE("surname", '') || COALESCE((COALESCE(' ', '') || COALESCE((COALESCE("given_name", '') """
    """|| COALESCE((COALESCE(' ', '') || COALESCE("patronymic", '')), '')), '')), '')))"""
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX staff_search_name_trgm ON schools_staffmember USING gin (({SEARCH_NAME}) gin_trgm_ops)"
        )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS staff_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("schools", "0005_audit_history")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_index, remove_index),
    ]
