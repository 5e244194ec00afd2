"""Two people create meetings of the same council at the same moment: the numbers stay 1 and 2.

Each thread has its own database connection. The service is slowed down between choosing the number and
saving, so that without the lock on the council both would choose number 1. On PostgreSQL the second
waits for the first's row lock (`select_for_update`); on SQLite the IMMEDIATE transactions of the project's
settings make the second writer wait for the first.
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections

from methodcouncil import services
from methodcouncil.models import Meeting
from tests import factories
from tests import factories_methodcouncil as mc

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def connections_of_new_threads(tmp_path):
    """Yields a function that lists the numbers of a council's meetings as the threads' database has them.

    SQLite test databases live in memory with a shared cache, where a second writer is refused at once
    ("table is locked") instead of waiting as it does on a file. So on SQLite the threads work on a file
    copy of the test database, opened with the project's own options, the way the app runs.
    """
    if connection.vendor != "sqlite":
        yield lambda council: sorted(Meeting.objects.filter(council=council).values_list("number", flat=True))
        return
    path = tmp_path / "threads.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:

        def numbers(council):
            with sqlite3.connect(path) as database:
                rows = database.execute("SELECT number FROM methodcouncil_meeting WHERE council_id = ?", [council.pk])
                return sorted(number for (number,) in rows)

        yield numbers
    finally:
        connections.settings["default"] = original


def test_two_connections_creating_meetings_at_once_get_numbers_1_and_2(monkeypatch, tmp_path):
    school = factories.make_school(factories.make_office())
    council = mc.make_council(school)
    validate = services._validated

    def slow_validate(instance, **kwargs):
        time.sleep(0.3)  # the window in which the other connection would pick the same number
        return validate(instance, **kwargs)

    monkeypatch.setattr(services, "_validated", slow_validate)
    start = threading.Barrier(2)
    numbers, errors = [], []

    def create_meeting():
        try:
            start.wait()
            numbers.append(services.meeting_create(council=council, date=council.starts_on).number)
        except Exception as error:  # noqa: BLE001 — reported below with the numbers
            errors.append(error)
        finally:
            connection.close()

    with connections_of_new_threads(tmp_path) as stored_numbers:
        threads = [threading.Thread(target=create_meeting) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        stored = stored_numbers(council)

    assert errors == []
    assert sorted(numbers) == [1, 2]
    assert stored == [1, 2]
