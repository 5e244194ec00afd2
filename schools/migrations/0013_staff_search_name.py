import importlib

from django.db import migrations, models


def fill_search_names(apps, schema_editor):
    """Every existing person gets the lowered full name that the staff search now reads."""
    StaffMember = apps.get_model("schools", "StaffMember")
    people = StaffMember.objects.only("surname", "given_name", "patronymic").order_by("pk")
    batch = []
    for person in people.iterator(chunk_size=2000):
        parts = (person.surname, person.given_name, person.patronymic)
        person.search_name = " ".join(part for part in parts if part).lower()
        batch.append(person)
        if len(batch) == 2000:
            StaffMember.objects.bulk_update(batch, ["search_name"])
            batch = []
    StaffMember.objects.bulk_update(batch, ["search_name"])


def index_search_name(apps, schema_editor):
    """On PostgreSQL the trigram index moves from the expression the search used to build to the column."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS staff_search_name_trgm")
        schema_editor.execute(
            "CREATE INDEX staff_search_name_trgm ON schools_staffmember USING gin (search_name gin_trgm_ops)"
        )


def index_expression(apps, schema_editor):
    earlier = importlib.import_module("schools.migrations.0006_staff_name_trigram_index")
    earlier.remove_index(apps, schema_editor)
    earlier.add_index(apps, schema_editor)


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
        migrations.RunPython(index_search_name, index_expression),
    ]
