"""Case-insensitive matching that works for Cyrillic on SQLite as it does on PostgreSQL.

SQLite's LOWER() and LIKE fold only ASCII letters, so "ӨМҮРОВА" would never find "Өмүрова". On SQLite,
UnicodeLower calls a function registered for each new connection that lowers with Python's rules;
PostgreSQL's LOWER() already follows the database's UTF-8 locale.
"""

from django.db.models import CharField, Func

SQLITE_FUNCTION = "USTAT_LOWER"


class UnicodeLower(Func):
    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _lower, deterministic=True)


def search_text(data, key="q"):
    """The search text a page was sent, trimmed. A NUL character, which PostgreSQL refuses in any string and no
    keyboard types, is dropped."""
    return data.get(key, "").replace("\x00", "").strip()
