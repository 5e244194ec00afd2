"""Threads with database connections of their own, for tests of two writers at the same moment."""

import sqlite3
from contextlib import contextmanager

from django.db import connection, connections


@contextmanager
def threads_database(tmp_path):
    """Yields `rows(sql, params)`, which reads the database that connections opened by new threads use.

    SQLite test databases live in memory with a shared cache, where a second writer is refused at once
    ("table is locked") instead of waiting as it does on a file. So on SQLite the threads work on a file
    copy of the test database as it is now, opened with the project's own options, the way the app runs.
    """
    if connection.vendor != "sqlite":

        def rows(sql, params=()):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        yield rows
        return
    path = tmp_path / "threads.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:

        def rows(sql, params=()):
            with sqlite3.connect(path) as database:
                return database.execute(sql.replace("%s", "?"), params).fetchall()

        yield rows
    finally:
        connections.settings["default"] = original
