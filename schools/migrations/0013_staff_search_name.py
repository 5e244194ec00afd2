import importlib

from django.db import migrations, models


def fill_search_names(apps, schema_editor):
    """Every existing person gets the full name that the staff search now reads."""
    StaffMember = apps.get_model("schools", "StaffMember")
    people = StaffMember.objects.only("surname", "given_name", "patronymic").order_by("pk")
    batch = []
    for person in people.iterator(chunk_size=2000):
        parts = (person.surname, person.given_name, person.patronymic)
        # As core.cells.name_key compares names (lowered, ё read as е), written out so the migration stays put.
        person.search_name = " ".join(part for part in parts if part).lower().replace("ё", "е")
        batch.append(person)
        if len(batch) == 2000:
            StaffMember.objects.bulk_update(batch, ["search_name"])
            batch = []
    StaffMember.objects.bulk_update(batch, ["search_name"])


def drop_trigram_index(apps, schema_editor):
    """On PostgreSQL the trigram index on the expression the search used to build goes. A search is scoped to
    an office or a school, and reading that office's people through their schools costs the same in a
    district or a country (2.2 ms on the country bench), while the trigram index read every person of the
    country who shares the name (4.5 ms, growing with the country)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS staff_search_name_trgm")


def restore_trigram_index(apps, schema_editor):
    importlib.import_module("schools.migrations.0006_staff_name_trigram_index").add_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0012_kernel_tables_move_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="staffmember",
            name="search_name",
            field=models.CharField(default="", editable=False, max_length=302),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(drop_trigram_index, restore_trigram_index),
    ]
